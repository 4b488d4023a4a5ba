package io.iamdrift.audit;

import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Map<String, Parsed> identity = new ConcurrentHashMap<>();
    private final Map<String, Parsed> trust = new ConcurrentHashMap<>();

    Parsed parse(String text, String source) {
        return parse(text, source, PolicyKind.IDENTITY);
    }

    Parsed parse(String text, String source, PolicyKind kind) {
        if (text == null) {
            return new Parsed(null, new PolicyParseException(source, "", 0, 0, "no document"));
        }
        Map<String, Parsed> cache = kind == PolicyKind.TRUST ? trust : identity;
        Parsed cached = cache.get(text);
        if (cached != null) {
            return cached.ok() ? cached : new Parsed(null, relabel(cached.error(), source));
        }
        Parsed p;
        try {
            p = new Parsed(PolicyParser.parse(text, source, kind), null);
        } catch (PolicyParseException e) {
            p = new Parsed(null, e);
        }
        cache.put(text, p);
        return p;
    }

    private static PolicyParseException relabel(PolicyParseException e, String source) {
        return new PolicyParseException(source, e.pointer(), e.line(), e.column(), e.reason());
    }
}
