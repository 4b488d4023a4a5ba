package io.iamdrift.finding;

/**
 * The principal a finding is about.
 *
 * @param type {@code user}, {@code role}, or {@code account} for account-wide findings (e.g. a bad baseline)
 * @param name the IAM name (or the account id)
 * @param arn the ARN when known, else {@code null}
 */
public record PrincipalRef(String type, String name, String arn) {

    public static PrincipalRef user(String name, String arn) {
        return new PrincipalRef("user", name, arn);
    }

    public static PrincipalRef role(String name, String arn) {
        return new PrincipalRef("role", name, arn);
    }

    public static PrincipalRef account(String accountId) {
        return new PrincipalRef("account", accountId, null);
    }

    /** {@code user/name}, the form used in fingerprints and texts. */
    public String key() {
        return type + "/" + name;
    }
}
