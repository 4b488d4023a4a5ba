package io.iamdrift.audit;

import io.iamdrift.internal.BoundedCache;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;

/**
 * Parses each distinct document text once per run. Fleets of deployers share most documents, so a run of
 * 20,000 policies often parses far fewer.
 */
final class PolicyLibrary {

    /** A parsed document or the reason it could not be parsed. */
    record Parsed(PolicyDocument document, PolicyParseException error) {
        boolean ok() {
            return document != null;
        }
    }

    private final BoundedCache<String, Parsed> identity = new BoundedCache<>(16_384);
    private final BoundedCache<String, Parsed> trust = new BoundedCache<>(4_096);

    Parsed parse(String text, String source) {
        return parse(text, source, PolicyKind.IDENTITY);
    }

    Parsed parse(String text, String source, PolicyKind kind) {
        if (text == null) {
            return new Parsed(null, new PolicyParseException(source, "", 0, 0, "no document"));
        }
        BoundedCache<String, Parsed> cache = kind == PolicyKind.TRUST ? trust : identity;
        Parsed p = cache.get(text, t -> {
            try {
                return new Parsed(PolicyParser.parse(t, source, kind), null);
            } catch (PolicyParseException e) {
                return new Parsed(null, e);
            }
        });
        return p.ok() || p.error().source().equals(source) ? p : new Parsed(null, relabel(p.error(), source));
    }

    private static PolicyParseException relabel(PolicyParseException e, String source) {
        return new PolicyParseException(source, e.pointer(), e.line(), e.column(), e.reason());
    }
}
