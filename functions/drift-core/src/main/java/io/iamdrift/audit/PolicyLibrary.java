package io.iamdrift.audit;

import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses each distinct document text once per run and hands out one {@link PolicyDocument} per document for the
 * whole run: the run's caches key compiled policies, diffs and lint by the document's identity. Equal documents
 * written differently (the raw API's pretty-printed text and a baseline's compact object) are one instance too.
 * Fleets of deployers share most documents, so a run of 20,000 policies often parses far fewer. It holds every
 * document the run reads: they are bounded by the run's inputs, which the run holds as text anyway (a bounded memo
 * would start afresh mid-run on a large account and parse, compile and judge the same documents again).
 */
final class PolicyLibrary {

    /** A parsed document or the reason it could not be parsed. */
    record Parsed(PolicyDocument document, PolicyParseException error) {
        boolean ok() {
            return document != null;
        }
    }

    private final ConcurrentHashMap<String, Parsed> identity = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Parsed> trust = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<PolicyDocument, Parsed> documents = new ConcurrentHashMap<>();

    Parsed parse(String text, String source) {
        return parse(text, source, PolicyKind.IDENTITY);
    }

    Parsed parse(String text, String source, PolicyKind kind) {
        if (text == null) {
            return new Parsed(null, new PolicyParseException(source, "", 0, 0, "no document"));
        }
        ConcurrentHashMap<String, Parsed> parsed = kind == PolicyKind.TRUST ? trust : identity;
        Parsed p = parsed.get(text);
        if (p == null) {
            Parsed mine = parseNew(text, source, kind);
            Parsed raced = parsed.putIfAbsent(text, mine);
            p = raced == null ? mine : raced;
        }
        return p.ok() || p.error().source().equals(source) ? p : new Parsed(null, relabel(p.error(), source));
    }

    private Parsed parseNew(String text, String source, PolicyKind kind) {
        PolicyDocument document;
        try {
            document = PolicyParser.parse(text, source, kind);
        } catch (PolicyParseException e) {
            return new Parsed(null, e);
        }
        Parsed mine = new Parsed(document, null);
        Parsed equal = documents.putIfAbsent(document, mine);
        return equal == null ? mine : equal;
    }

    private static PolicyParseException relabel(PolicyParseException e, String source) {
        return new PolicyParseException(source, e.pointer(), e.line(), e.column(), e.reason());
    }
}
