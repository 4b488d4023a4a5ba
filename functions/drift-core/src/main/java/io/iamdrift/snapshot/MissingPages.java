package io.iamdrift.snapshot;

/**
 * Pages of {@code GetAccountAuthorizationDetails} that a snapshot file says exist but does not hold: its last page
 * has {@code "IsTruncated": true} (the raw API, or the CLI with {@code --no-paginate}), or the CLI printed a
 * {@code NextToken} (it stopped at {@code --max-items}). Principals absent from such a snapshot may exist.
 *
 * @param marker the API's {@code Marker} for the next page, or {@code null}
 * @param nextToken the CLI's {@code NextToken}, or {@code null}
 */
public record MissingPages(String marker, String nextToken) {

    /** What to run to add the missing pages, for a person. */
    public String howToAdd() {
        if (nextToken != null) {
            return "run `aws iam get-account-authorization-details --starting-token " + nextToken
                    + "` and pass its output as another --snapshot (or collect it all with `drift-auditor snapshot --output FILE`)";
        }
        if (marker != null) {
            return "fetch the pages after Marker " + marker + " (the API's Marker parameter, or `aws iam "
                    + "get-account-authorization-details --starting-token " + marker
                    + "`) and pass them as more --snapshot "
                    + "files (or collect it all with `drift-auditor snapshot --output FILE`)";
        }
        return "its last page says IsTruncated without a Marker: collect the account again (`aws iam "
                + "get-account-authorization-details` without --max-items, or `drift-auditor snapshot --output FILE`)";
    }
}
