package io.iamdrift.trust;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CI/CD OIDC providers of {@code ci-providers.json} (shipped beside this class), looked up by issuer. */
public final class CiProviders {

    /** Where the shipped table lives on the classpath. */
    public static final String RESOURCE = "/io/iamdrift/trust/ci-providers.json";

    private static final CiProviders DEFAULTS = load();

    private final List<CiProvider> providers;

    private CiProviders(List<CiProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The shipped table. */
    public static CiProviders defaults() {
        return DEFAULTS;
    }

    public List<CiProvider> all() {
        return providers;
    }

    /** The provider whose issuer this is (the part of an OIDC provider ARN after {@code oidc-provider/}). */
    public Optional<CiProvider> forIssuer(String issuer) {
        return providers.stream().filter(p -> p.issues(issuer)).findFirst();
    }

    /** The issuer an OIDC provider ARN names ({@code arn:aws:iam::1:oidc-provider/gitlab.com} gives gitlab.com), or {@code null}. */
    public static String issuerOf(String federatedPrincipal) {
        int i = federatedPrincipal.indexOf(":oidc-provider/");
        return i < 0 ? null : federatedPrincipal.substring(i + ":oidc-provider/".length());
    }

    private static CiProviders load() {
        try (InputStream in = CiProviders.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            return parse(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads a table; a malformed entry is an error naming the source and the JSON pointer. */
    static CiProviders parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage(), e);
        }
        JsonNode list = root.path("providers");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(source + ": /providers: must be a non-empty array");
        }
        List<CiProvider> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = source + ": /providers/" + i;
            JsonNode p = list.get(i);
            Map<String, List<CiProvider.NamePattern>> parse = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("parse").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<CiProvider.NamePattern> patterns = new ArrayList<>();
                e.getValue().forEach(t -> patterns.add(CiProvider.pattern(t.asText(), true)));
                parse.put(e.getKey(), patterns);
            }
            Map<String, CiProvider.JobContext> contexts = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("contexts").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                contexts.put(
                        e.getKey(),
                        new CiProvider.JobContext(
                                e.getKey(),
                                required(e.getValue(), "default", at + "/contexts/" + e.getKey()),
                                strings(e.getValue().path("claims"))));
            }
            if (contexts.isEmpty()) {
                throw new IllegalArgumentException(at + "/contexts: at least one kind of job is required");
            }
            List<String> issuers = new ArrayList<>();
            p.path("issuers").forEach(n -> issuers.add(n.asText()));
            if (issuers.isEmpty()) {
                throw new IllegalArgumentException(at + "/issuers: at least one issuer is required");
            }
            out.add(new CiProvider(
                    required(p, "id", at),
                    required(p, "name", at),
                    issuers,
                    p.path("shared").asBoolean(false),
                    required(p, "ownerTerm", at),
                    required(p, "projectTerm", at),
                    required(p, "audience", at),
                    required(p, "subject", at),
                    p.hasNonNull("issuerOwner") ? p.get("issuerOwner").asText() : null,
                    parse,
                    strings(p.path("defaults")),
                    strings(p.path("claims")),
                    contexts));
        }
        return new CiProviders(out);
    }

    private static String required(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(at + "/" + field + ": required string");
        }
        return v.asText();
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
