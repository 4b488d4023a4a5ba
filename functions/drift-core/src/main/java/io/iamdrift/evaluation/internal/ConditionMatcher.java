package io.iamdrift.evaluation.internal;

import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.internal.Glob;
import io.iamdrift.policy.BaseOperator;
import io.iamdrift.policy.Condition;
import io.iamdrift.policy.ConditionValues;
import io.iamdrift.policy.IpAddresses;
import io.iamdrift.policy.SetQualifier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One compiled condition (operator, key, values). Semantics, from the IAM User Guide pages "IAM JSON
 * policy elements: Condition operators" and "Condition with multiple context keys or values":
 *
 * <ul>
 *   <li>Several values for one key are OR-ed; for the negated operators (StringNotEquals, NotIpAddress, ...)
 *       they act as a logical AND: the request value must match none of them.</li>
 *   <li>A key absent from the context: the condition is false, except that negated operators are true,
 *       {@code ...IfExists} is true, {@code ForAllValues:} is true (also for an empty multivalued key) and
 *       {@code ForAnyValue:} is false.</li>
 *   <li>{@code Null}: {@code true} means "the key is absent", {@code false} "the key is present".</li>
 *   <li>{@code ForAllValues:}: every request value satisfies the operator; {@code ForAnyValue:} at least one.
 *       Without a qualifier and with several request values, a positive operator needs one value to match and
 *       a negated one needs every value to match none.</li>
 * </ul>
 */
public final class ConditionMatcher {

    private final String key;
    private final String lowerKey;
    private final BaseOperator base;
    private final SetQualifier qualifier;
    private final boolean ifExists;
    private final boolean negated;
    private final ValueTest[] tests;
    /** For Null: whether a value "true" (key absent) / "false" (key present) is listed. */
    private final boolean nullTrue;

    private final boolean nullFalse;

    private ConditionMatcher(Condition c, boolean variables) {
        this.key = c.key();
        this.lowerKey = c.key().toLowerCase(Locale.ROOT);
        this.base = c.operator().base();
        this.qualifier = c.operator().qualifier();
        this.ifExists = c.operator().ifExists();
        this.negated = base.negated();
        boolean nt = false;
        boolean nf = false;
        if (base == BaseOperator.NULL) {
            for (String v : c.values()) {
                nt |= v.equalsIgnoreCase("true");
                nf |= v.equalsIgnoreCase("false");
            }
            tests = new ValueTest[0];
        } else {
            tests = new ValueTest[c.values().size()];
            for (int i = 0; i < tests.length; i++) {
                tests[i] = test(base, c.values().get(i), variables);
            }
        }
        nullTrue = nt;
        nullFalse = nf;
    }

    public static ConditionMatcher compile(Condition c, boolean variablesEnabled) {
        return new ConditionMatcher(c, variablesEnabled);
    }

    /** The condition key as written. */
    public String key() {
        return key;
    }

    /** Whether the key is absent from the context (so the caller can report it as missing). */
    public boolean keyMissing(RequestContext ctx) {
        if (base == BaseOperator.NULL) {
            return false;
        }
        List<String> v = ctx.valuesLowerCase(lowerKey);
        return v == null;
    }

    /** Evaluates the condition; records unresolved policy variables in {@code missing}. */
    public boolean test(RequestContext ctx, MissingKeys missing) {
        List<String> values = ctx.valuesLowerCase(lowerKey);
        boolean absent = values == null || values.isEmpty();
        if (base == BaseOperator.NULL) {
            return absent ? nullTrue : nullFalse;
        }
        if (absent) {
            if (qualifier == SetQualifier.FOR_ALL_VALUES || ifExists) {
                return true;
            }
            if (qualifier == SetQualifier.FOR_ANY_VALUE) {
                return false;
            }
            return negated;
        }
        int size = values.size();
        switch (qualifier) {
            case FOR_ALL_VALUES: {
                for (int i = 0; i < size; i++) {
                    int m = anyMatch(values.get(i), ctx, missing);
                    if (m == NO_VALUES || (m == 1) == negated) {
                        return false;
                    }
                }
                return true;
            }
            case FOR_ANY_VALUE: {
                for (int i = 0; i < size; i++) {
                    int m = anyMatch(values.get(i), ctx, missing);
                    if (m != NO_VALUES && (m == 1) != negated) {
                        return true;
                    }
                }
                return false;
            }
            default: {
                if (negated) {
                    for (int i = 0; i < size; i++) {
                        int m = anyMatch(values.get(i), ctx, missing);
                        if (m != 0) {
                            return false;
                        }
                    }
                    return true;
                }
                for (int i = 0; i < size; i++) {
                    if (anyMatch(values.get(i), ctx, missing) == 1) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    private static final int NO_VALUES = 2;

    /**
     * 1 when the request value matches one of the policy values (the positive form of the operator), 0 when
     * it matches none, {@link #NO_VALUES} when every policy value had an unresolvable variable (then the
     * condition cannot hold, negated or not).
     */
    private int anyMatch(String requestValue, RequestContext ctx, MissingKeys missing) {
        boolean any = false;
        for (ValueTest t : tests) {
            int r = t.test(requestValue, ctx, missing);
            if (r == 1) {
                return 1;
            }
            any |= r == 0;
        }
        return any ? 0 : NO_VALUES;
    }

    // ---------------------------------------------------------------- value tests

    /** Tests one request value against one policy value: 1 match, 0 no match, -1 policy value unresolved. */
    interface ValueTest {
        int test(String requestValue, RequestContext ctx, MissingKeys missing);
    }

    private static ValueTest test(BaseOperator op, String policyValue, boolean variables) {
        return switch (op.kind()) {
            case STRING -> stringTest(op, policyValue, variables);
            case ARN -> globTest(policyValue, variables, Glob.Mode.ARN_LIKE, false);
            case NUMERIC -> typed(policyValue, variables, v -> numericTest(op, v));
            case DATE -> typed(policyValue, variables, v -> dateTest(op, v));
            case BOOLEAN ->
                typed(policyValue, variables, v -> {
                    String p = v.strip();
                    return (r, c, m) -> r.strip().equalsIgnoreCase(p) ? 1 : 0;
                });
            case BINARY -> typed(policyValue, variables, ConditionMatcher::binaryTest);
            case IP -> typed(policyValue, variables, ConditionMatcher::ipTest);
            case NULL -> (r, c, m) -> 0;
        };
    }

    private static ValueTest stringTest(BaseOperator op, String policyValue, boolean variables) {
        return switch (op) {
            case STRING_LIKE, STRING_NOT_LIKE -> globTest(policyValue, variables, Glob.Mode.PLAIN, false);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> {
                Template t = Template.parse(policyValue, false, variables);
                if (!t.hasVariables()) {
                    String p = t.literalText();
                    yield (r, c, m) -> r.equalsIgnoreCase(p) ? 1 : 0;
                }
                yield (r, c, m) -> {
                    String p = t.resolveText(c, m);
                    return p == null ? -1 : r.equalsIgnoreCase(p) ? 1 : 0;
                };
            }
            default -> {
                Template t = Template.parse(policyValue, false, variables);
                if (!t.hasVariables()) {
                    String p = t.literalText();
                    yield (r, c, m) -> r.equals(p) ? 1 : 0;
                }
                yield (r, c, m) -> {
                    String p = t.resolveText(c, m);
                    return p == null ? -1 : r.equals(p) ? 1 : 0;
                };
            }
        };
    }

    private static ValueTest globTest(String policyValue, boolean variables, Glob.Mode mode, boolean ignoreCase) {
        Template t = Template.parse(policyValue, true, variables);
        if (!t.hasVariables()) {
            Glob g = t.glob(mode, ignoreCase);
            return (r, c, m) -> g.matches(r) ? 1 : 0;
        }
        return (r, c, m) -> {
            Glob g = t.resolveGlob(c, mode, ignoreCase, m);
            return g == null ? -1 : g.matches(r) ? 1 : 0;
        };
    }

    /** A typed value: parsed once when it has no variable, per request when it has one. */
    private static ValueTest typed(
            String policyValue, boolean variables, java.util.function.Function<String, ValueTest> make) {
        Template t = Template.parse(policyValue, false, variables);
        if (!t.hasVariables()) {
            return make.apply(policyValue);
        }
        return (r, c, m) -> {
            String p = t.resolveText(c, m);
            return p == null ? -1 : make.apply(p).test(r, c, m);
        };
    }

    private static ValueTest numericTest(BaseOperator op, String policyValue) {
        BigDecimal p = parseNumber(policyValue);
        if (p == null) {
            return (r, c, m) -> 0;
        }
        return (r, c, m) -> {
            BigDecimal v = parseNumber(r);
            return v != null && compares(op, v.compareTo(p)) ? 1 : 0;
        };
    }

    private static ValueTest dateTest(BaseOperator op, String policyValue) {
        long[] p = parseDate(policyValue);
        if (p == null) {
            return (r, c, m) -> 0;
        }
        return (r, c, m) -> {
            long[] v = parseDate(r);
            if (v == null) {
                return 0;
            }
            int cmp = v[0] != p[0] ? Long.compare(v[0], p[0]) : Long.compare(v[1], p[1]);
            return compares(op, cmp) ? 1 : 0;
        };
    }

    private static ValueTest binaryTest(String policyValue) {
        byte[] p = decodeBase64(policyValue);
        return (r, c, m) -> {
            if (p == null) {
                return r.strip().equals(policyValue.strip()) ? 1 : 0;
            }
            byte[] v = decodeBase64(r);
            return v != null ? (Arrays.equals(v, p) ? 1 : 0) : (r.strip().equals(policyValue.strip()) ? 1 : 0);
        };
    }

    private static ValueTest ipTest(String policyValue) {
        IpAddresses.Cidr cidr = IpAddresses.parseCidr(policyValue);
        if (cidr == null) {
            return (r, c, m) -> 0;
        }
        return (r, c, m) -> {
            long[] a = new long[2];
            String s = r.strip();
            int slash = s.indexOf('/');
            if (!IpAddresses.parse(slash < 0 ? s : s.substring(0, slash), a)) {
                return 0;
            }
            return cidr.contains(a[0], a[1]) ? 1 : 0;
        };
    }

    /** The positive relation of the operator for a comparison result (NotEquals is handled by negation). */
    private static boolean compares(BaseOperator op, int cmp) {
        return switch (op) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> cmp == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> cmp < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> cmp <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> cmp > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> cmp >= 0;
            default -> false;
        };
    }

    static BigDecimal parseNumber(String s) {
        return ConditionValues.number(s);
    }

    static long[] parseDate(String s) {
        return ConditionValues.date(s);
    }

    private static byte[] decodeBase64(String s) {
        try {
            return Base64.getDecoder().decode(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
