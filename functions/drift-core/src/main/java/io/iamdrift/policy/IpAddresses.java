package io.iamdrift.policy;

/**
 * IPv4 and IPv6 addresses and CIDR blocks as two longs, parsed by hand (never through
 * {@code InetAddress}, which may resolve host names). An IPv4 address is kept as an IPv4-mapped IPv6
 * address ({@code ::ffff:a.b.c.d}) so one comparison serves both families; an IPv4 block never matches a
 * native IPv6 address and vice versa.
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** A parsed CIDR block (or single address, prefix 32/128). */
    public record Cidr(long hi, long lo, int prefix) {
        public boolean contains(long ahi, long alo) {
            if (prefix == 0) {
                return true;
            }
            if (prefix <= 64) {
                long mask = prefix == 64 ? -1L : ~(-1L >>> prefix);
                return (ahi & mask) == (hi & mask);
            }
            long mask = prefix == 128 ? -1L : ~(-1L >>> (prefix - 64));
            return ahi == hi && (alo & mask) == (lo & mask);
        }
    }

    /** Parses {@code 203.0.113.0/24}, {@code 2001:db8::/32} or a bare address; {@code null} if invalid. */
    public static Cidr parseCidr(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        long[] a = new long[2];
        boolean v4 = addr.indexOf(':') < 0;
        if (!parse(addr, a)) {
            return null;
        }
        int max = v4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            prefix = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                prefix = prefix * 10 + (c - '0');
            }
            if (prefix > max) {
                return null;
            }
        }
        return new Cidr(a[0], a[1], v4 ? prefix + 96 : prefix);
    }

    /**
     * Parses an address into {@code out[0]} (high 64 bits) and {@code out[1]} (low 64 bits).
     *
     * @return false when the text is not an IPv4 or IPv6 address
     */
    public static boolean parse(String s, long[] out) {
        if (s.indexOf(':') < 0) {
            long v = parseV4(s, 0, s.length());
            if (v < 0) {
                return false;
            }
            out[0] = 0;
            out[1] = 0xFFFF_0000_0000L | v;
            return true;
        }
        return parseV6(s, out);
    }

    private static long parseV4(String s, int from, int to) {
        long v = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            if (i >= to) {
                return -1;
            }
            int start = i;
            int n = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                n = n * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || n > 255) {
                return -1;
            }
            v = (v << 8) | n;
            parts++;
            if (parts < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? v : -1;
    }

    private static boolean parseV6(String s, long[] out) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == len) {
                out[0] = 0;
                out[1] = 0;
                return true;
            }
        } else if (s.startsWith(":")) {
            return false;
        }
        while (i < len) {
            if (n >= 8) {
                return false;
            }
            int start = i;
            int v = 0;
            while (i < len && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0) {
                v = (v << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < len && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                long v4 = parseV4(s, start, len);
                if (v4 < 0 || n > 6) {
                    return false;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xFFFF);
                i = len;
                break;
            }
            if (i == start || i - start > 4) {
                return false;
            }
            groups[n++] = v;
            if (i == len) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < len && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = n;
                i++;
            } else if (i == len) {
                return false;
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (n > 7) {
                return false;
            }
            int tail = n - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        } else {
            if (n != 8) {
                return false;
            }
            full = groups;
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }
}
