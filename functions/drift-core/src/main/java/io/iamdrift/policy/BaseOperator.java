package io.iamdrift.policy;

/** Every base condition operator that IAM documents, grouped by the type of value it compares. */
public enum BaseOperator {
    STRING_EQUALS("StringEquals", Kind.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Kind.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Kind.STRING, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Kind.STRING, true),
    STRING_LIKE("StringLike", Kind.STRING, false),
    STRING_NOT_LIKE("StringNotLike", Kind.STRING, true),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Kind.NUMERIC, true),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, false),
    DATE_EQUALS("DateEquals", Kind.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Kind.DATE, true),
    DATE_LESS_THAN("DateLessThan", Kind.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Kind.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", Kind.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Kind.DATE, false),
    BOOL("Bool", Kind.BOOLEAN, false),
    BINARY_EQUALS("BinaryEquals", Kind.BINARY, false),
    IP_ADDRESS("IpAddress", Kind.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Kind.IP, true),
    ARN_EQUALS("ArnEquals", Kind.ARN, false),
    ARN_LIKE("ArnLike", Kind.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Kind.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Kind.ARN, true),
    NULL("Null", Kind.NULL, false);

    /** The type of value an operator compares. */
    public enum Kind {
        STRING,
        NUMERIC,
        DATE,
        BOOLEAN,
        BINARY,
        IP,
        ARN,
        NULL
    }

    private final String json;
    private final Kind kind;
    private final boolean negated;

    BaseOperator(String json, Kind kind, boolean negated) {
        this.json = json;
        this.kind = kind;
        this.negated = negated;
    }

    /** The operator's name in policy JSON. */
    public String json() {
        return json;
    }

    public Kind kind() {
        return kind;
    }

    /** True for the negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...). */
    public boolean negated() {
        return negated;
    }

    /** The operator for a JSON name (case-sensitive, as IAM is), or {@code null}. */
    public static BaseOperator fromJson(String name) {
        for (BaseOperator op : values()) {
            if (op.json.equals(name)) {
                return op;
            }
        }
        return null;
    }
}
