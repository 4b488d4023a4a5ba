package io.iamdrift.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The actions whose resource-based policy must itself allow the caller even within one account (a role's trust
 * policy for {@code sts:AssumeRole*}, a KMS key policy for {@code kms:*}): data in
 * {@code resource-policy-required.tsv}, with the AWS documentation that says so.
 */
final class StrictResourcePolicies {

    private static final List<String> PATTERNS = load();

    private StrictResourcePolicies() {}

    /** Whether a resource policy given for {@code action} must allow the caller for the request to be allowed. */
    static boolean required(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        for (String p : PATTERNS) {
            if (p.endsWith("*") ? a.startsWith(p.substring(0, p.length() - 1)) : a.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> load() {
        try (InputStream in = StrictResourcePolicies.class.getResourceAsStream("resource-policy-required.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource-policy-required.tsv is missing from the jar");
            }
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.split("\t", 2)[0].strip().toLowerCase(Locale.ROOT));
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
