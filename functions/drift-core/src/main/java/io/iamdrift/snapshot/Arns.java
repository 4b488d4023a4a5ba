package io.iamdrift.snapshot;

/** ARN helpers. */
public final class Arns {

    private Arns() {}

    /**
     * The account field of an ARN ({@code arn:partition:service:region:account:resource}), or {@code null}
     * when {@code arn} is not an ARN or the field is empty. AWS-managed policies give {@code aws}.
     */
    public static String account(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        int from = 4;
        for (int field = 1; field < 4; field++) {
            int colon = arn.indexOf(':', from);
            if (colon < 0) {
                return null;
            }
            from = colon + 1;
        }
        int end = arn.indexOf(':', from);
        if (end < 0 || end == from) {
            return null;
        }
        return arn.substring(from, end);
    }

    /** Whether {@code s} is a 12-digit AWS account id. */
    public static boolean isAccountId(String s) {
        if (s == null || s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
