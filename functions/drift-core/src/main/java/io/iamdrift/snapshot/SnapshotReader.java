package io.iamdrift.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads account snapshot files.
 *
 * <p>A file holds either the raw output of {@code aws iam get-account-authorization-details} (one page, a JSON
 * array of pages, or several pages concatenated), or the auditor's envelope
 * {@code {"accountId", "collectedAt", "authorizationDetails": {...} or [pages], "credentialReport": "<CSV>"}}.
 * Policy documents may be JSON objects (CLI output) or URL-encoded strings (raw API); both become decoded JSON
 * text. Unknown fields are ignored (AWS adds fields over time); missing optional fields are fine.
 *
 * <p>The reader streams (Jackson's token parser, no tree), so a 50 MB file is read in one pass. Duplicate keys
 * are errors. Every error is a {@link SnapshotException} naming the file and {@code line:column} (syntax) or the
 * JSON pointer (shape).
 */
public final class SnapshotReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SnapshotReader() {
    }

    /**
     * Reads one snapshot file from disk, streaming (memory grows with the account, not with the file's text);
     * the file name in messages is {@code file}'s file name.
     */
    public static AccountSnapshot read(Path file) throws SnapshotException {
        return read(file.getFileName() == null ? file.toString() : file.getFileName().toString(), file);
    }

    /** Reads one snapshot file from disk, streaming; {@code name} names it in error messages. */
    public static AccountSnapshot read(String name, Path file) throws SnapshotException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new SnapshotException(name, null, name + ": cannot read file: " + e, e);
        }
        try (in; JsonParser p = FACTORY.createParser(new BufferedInputStream(in, 1 << 16))) {
            return parse(name, p);
        } catch (IOException e) {
            throw syntax(name, e, null);
        }
    }

    /** Reads several files and merges them into one snapshot (see {@link #merge}). */
    public static AccountSnapshot readAll(List<Path> files) throws SnapshotException {
        List<AccountSnapshot> parts = new ArrayList<>(files.size());
        for (Path f : files) {
            parts.add(read(f));
        }
        return merge(parts);
    }

    /** Reads a snapshot from its text; {@code fileName} names it in error messages. */
    public static AccountSnapshot read(String fileName, String text) throws SnapshotException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return parse(fileName, p);
        } catch (IOException e) {
            throw syntax(fileName, e, null);
        }
    }

    /** Reads a snapshot from UTF-8 bytes; {@code fileName} names it in error messages. */
    public static AccountSnapshot read(String fileName, byte[] utf8) throws SnapshotException {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            return parse(fileName, p);
        } catch (IOException e) {
            throw syntax(fileName, e, null);
        }
    }

    private static AccountSnapshot parse(String fileName, JsonParser p) throws SnapshotException {
        try {
            return new Reader(fileName, p).readFile();
        } catch (IOException e) {
            throw syntax(fileName, e, p);
        }
    }

    private static SnapshotException syntax(String file, IOException e, JsonParser reading) {
        if (e instanceof JsonProcessingException jpe) {
            JsonErrors err = JsonErrors.of(jpe, reading);
            String where = err.line() < 0 ? "" : ":" + err.line() + ":" + err.column();
            String pointer = err.pointer().isEmpty() ? null : err.pointer();
            return new SnapshotException(file, pointer, file + where + ": " + err.kind()
                    + (pointer == null ? "" : " (in " + pointer + ")") + ": " + err.detail(), e);
        }
        return new SnapshotException(file, null, file + ": cannot read: " + e, e);
    }

    /**
     * Merges snapshots (files, or pages read separately) into one. The account ids must agree (a part
     * without one takes the others'); {@code collectedAt} is the latest of the parts; principals, groups and
     * policies are the union, where the same name (or policy ARN) in two parts must describe the same thing;
     * at most one distinct credential report.
     */
    public static AccountSnapshot merge(List<AccountSnapshot> parts) throws SnapshotException {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String account = null;
        Instant collectedAt = null;
        CredentialReport report = null;
        Map<String, UserDetail> users = new LinkedHashMap<>();
        Map<String, RoleDetail> roles = new LinkedHashMap<>();
        Map<String, GroupDetail> groups = new LinkedHashMap<>();
        Map<String, ManagedPolicyDetail> policies = new LinkedHashMap<>();
        for (AccountSnapshot s : parts) {
            if (s.accountId() != null) {
                if (account != null && !account.equals(s.accountId())) {
                    throw new SnapshotException(null, null, "cannot merge snapshots of different accounts: "
                            + account + " and " + s.accountId());
                }
                account = s.accountId();
            }
            if (s.collectedAt() != null && (collectedAt == null || s.collectedAt().isAfter(collectedAt))) {
                collectedAt = s.collectedAt();
            }
            if (s.credentialReport() != null) {
                if (report != null && !report.equals(s.credentialReport())) {
                    throw new SnapshotException(null, null, "cannot merge snapshots: two different credential reports");
                }
                report = s.credentialReport();
            }
            union(users, s.users(), UserDetail::name, "user");
            union(roles, s.roles(), RoleDetail::name, "role");
            union(groups, s.groups(), GroupDetail::name, "group");
            union(policies, s.policies(), ManagedPolicyDetail::arn, "policy");
        }
        return new AccountSnapshot(account, collectedAt, new ArrayList<>(users.values()),
                new ArrayList<>(roles.values()), new ArrayList<>(groups.values()),
                new ArrayList<>(policies.values()), report);
    }

    private static <T> void union(Map<String, T> into, List<T> items, java.util.function.Function<T, String> key,
            String what) throws SnapshotException {
        for (T t : items) {
            T old = into.putIfAbsent(key.apply(t), t);
            if (old != null && !old.equals(t)) {
                throw new SnapshotException(null, null, "cannot merge snapshots: " + what + " " + key.apply(t)
                        + " appears twice with different details");
            }
        }
    }

    /** A JSON pointer under construction: one node per level, rendered only when an error is reported. */
    private record Ptr(Ptr parent, String key, int index) {

        static final Ptr ROOT = new Ptr(null, null, -1);

        Ptr field(String k) {
            return new Ptr(this, k, -1);
        }

        Ptr at(int i) {
            return new Ptr(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "/";
            }
            StringBuilder sb = new StringBuilder();
            render(sb);
            return sb.toString();
        }

        private void render(StringBuilder sb) {
            if (parent == null) {
                return;
            }
            parent.render(sb);
            sb.append('/');
            if (key != null) {
                sb.append(key.replace("~", "~0").replace("/", "~1"));
            } else {
                sb.append(index);
            }
        }
    }

    /** One pass over one file. */
    private static final class Reader {

        private final String file;
        private final JsonParser p;
        private int rootValue;

        private String envelopeAccount;
        private String arnAccount;
        private Instant collectedAt;
        private CredentialReport report;
        private final List<UserDetail> users = new ArrayList<>();
        private final List<RoleDetail> roles = new ArrayList<>();
        private final List<GroupDetail> groups = new ArrayList<>();
        private final List<ManagedPolicyDetail> policies = new ArrayList<>();

        Reader(String file, JsonParser p) {
            this.file = file;
            this.p = p;
        }

        AccountSnapshot readFile() throws IOException, SnapshotException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new SnapshotException(file, null, file + ": file is empty (expected a JSON object)");
            }
            while (t != null) {
                rootValue++;
                readRoot(t);
                t = p.nextToken();
            }
            String account = envelopeAccount != null ? envelopeAccount : arnAccount;
            return new AccountSnapshot(account, collectedAt, users, roles, groups, policies, report);
        }

        private void readRoot(JsonToken t) throws IOException, SnapshotException {
            Ptr root = Ptr.ROOT;
            if (t == JsonToken.START_ARRAY) {
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    Ptr page = root.at(i++);
                    expectObject(page, "a page of account authorization details");
                    readTopObject(page, true);
                }
            } else if (t == JsonToken.START_OBJECT) {
                readTopObject(root, true);
            } else {
                throw shape(root, "expected a JSON object (account authorization details or the auditor's envelope), found "
                        + describe(t));
            }
        }

        /** Reads a page or an envelope; the current token is START_OBJECT. */
        private void readTopObject(Ptr at, boolean envelopeAllowed) throws IOException, SnapshotException {
            boolean recognised = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                Ptr f = at.field(k);
                switch (k) {
                    case "UserDetailList" -> {
                        recognised = true;
                        readArray(f, this::readUser);
                    }
                    case "RoleDetailList" -> {
                        recognised = true;
                        readArray(f, this::readRole);
                    }
                    case "GroupDetailList" -> {
                        recognised = true;
                        readArray(f, this::readGroup);
                    }
                    case "Policies" -> {
                        recognised = true;
                        readArray(f, this::readPolicy);
                    }
                    case "IsTruncated", "Marker" -> {
                        recognised = true;
                        p.skipChildren();
                    }
                    default -> {
                        if (!envelopeAllowed) {
                            p.skipChildren();
                            break;
                        }
                        switch (k) {
                            case "authorizationDetails" -> {
                                recognised = true;
                                if (v == JsonToken.START_ARRAY) {
                                    int i = 0;
                                    while (p.nextToken() != JsonToken.END_ARRAY) {
                                        Ptr page = f.at(i++);
                                        expectObject(page, "a page of account authorization details");
                                        readTopObject(page, false);
                                    }
                                } else {
                                    expectObject(f, "account authorization details");
                                    readTopObject(f, false);
                                }
                            }
                            case "accountId" -> {
                                recognised = true;
                                String id = string(f);
                                if (id != null) {
                                    if (!Arns.isAccountId(id)) {
                                        throw shape(f, "expected a 12-digit account id, found \"" + id + "\"");
                                    }
                                    if (envelopeAccount != null && !envelopeAccount.equals(id)) {
                                        throw shape(f, "account id " + id + " differs from " + envelopeAccount
                                                + " given earlier in the file");
                                    }
                                    if (arnAccount != null && !arnAccount.equals(id)) {
                                        throw shape(f, "account id " + id + " differs from the account " + arnAccount
                                                + " of the ARNs in the file");
                                    }
                                    envelopeAccount = id;
                                }
                            }
                            case "collectedAt" -> {
                                recognised = true;
                                Instant at2 = instant(f);
                                if (at2 != null && (collectedAt == null || at2.isAfter(collectedAt))) {
                                    collectedAt = at2;
                                }
                            }
                            case "credentialReport" -> {
                                recognised = true;
                                String csv = string(f);
                                if (csv != null) {
                                    try {
                                        report = CredentialReport.parse(csv);
                                    } catch (IllegalArgumentException e) {
                                        throw shape(f, e.getMessage());
                                    }
                                }
                            }
                            default -> p.skipChildren();
                        }
                    }
                }
            }
            if (!recognised) {
                throw shape(at, envelopeAllowed
                        ? "not an account snapshot: expected UserDetailList, RoleDetailList, GroupDetailList or Policies "
                                + "(aws iam get-account-authorization-details), or an envelope with authorizationDetails"
                        : "not account authorization details: expected UserDetailList, RoleDetailList, GroupDetailList or Policies");
            }
        }

        @FunctionalInterface
        private interface ElementReader {
            void read(Ptr at) throws IOException, SnapshotException;
        }

        /** Reads an array (current token START_ARRAY, or null for none), calling {@code element} per item. */
        private void readArray(Ptr at, ElementReader element) throws IOException, SnapshotException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t != JsonToken.START_ARRAY) {
                throw shape(at, "expected an array, found " + describe(t));
            }
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                element.read(at.at(i++));
            }
        }

        private void expectObject(Ptr at, String what) throws SnapshotException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.START_OBJECT) {
                throw shape(at, "expected " + what + " (a JSON object), found " + describe(t));
            }
        }

        private void readUser(Ptr at) throws IOException, SnapshotException {
            expectObject(at, "a user");
            String name = null;
            String id = null;
            String arn = null;
            String path = null;
            Instant created = null;
            List<AttachedPolicy> attached = List.of();
            List<InlinePolicy> inline = List.of();
            List<String> groupNames = List.of();
            String boundary = null;
            Map<String, String> tags = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                switch (k) {
                    case "UserName" -> name = string(at.field(k));
                    case "UserId" -> id = string(at.field(k));
                    case "Arn" -> arn = arn(at.field(k));
                    case "Path" -> path = string(at.field(k));
                    case "CreateDate" -> created = instant(at.field(k));
                    case "UserPolicyList" -> inline = inlinePolicies(at.field(k));
                    case "AttachedManagedPolicies" -> attached = attachedPolicies(at.field(k));
                    case "GroupList" -> groupNames = strings(at.field(k));
                    case "PermissionsBoundary" -> boundary = boundary(at.field(k));
                    case "Tags" -> tags = tags(at.field(k));
                    default -> p.skipChildren();
                }
            }
            users.add(new UserDetail(required(at, "UserName", name), id, arn, path, created, attached, inline, groupNames,
                    boundary, tags));
        }

        private void readRole(Ptr at) throws IOException, SnapshotException {
            expectObject(at, "a role");
            String name = null;
            String id = null;
            String arn = null;
            String path = null;
            Instant created = null;
            String trust = null;
            List<AttachedPolicy> attached = List.of();
            List<InlinePolicy> inline = List.of();
            String boundary = null;
            Map<String, String> tags = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                switch (k) {
                    case "RoleName" -> name = string(at.field(k));
                    case "RoleId" -> id = string(at.field(k));
                    case "Arn" -> arn = arn(at.field(k));
                    case "Path" -> path = string(at.field(k));
                    case "CreateDate" -> created = instant(at.field(k));
                    case "AssumeRolePolicyDocument" -> trust = document(at.field(k));
                    case "RolePolicyList" -> inline = inlinePolicies(at.field(k));
                    case "AttachedManagedPolicies" -> attached = attachedPolicies(at.field(k));
                    case "PermissionsBoundary" -> boundary = boundary(at.field(k));
                    case "Tags" -> tags = tags(at.field(k));
                    default -> p.skipChildren();
                }
            }
            roles.add(new RoleDetail(required(at, "RoleName", name), id, arn, path, created, trust, attached, inline,
                    boundary, tags));
        }

        private void readGroup(Ptr at) throws IOException, SnapshotException {
            expectObject(at, "a group");
            String name = null;
            String id = null;
            String arn = null;
            String path = null;
            List<AttachedPolicy> attached = List.of();
            List<InlinePolicy> inline = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                switch (k) {
                    case "GroupName" -> name = string(at.field(k));
                    case "GroupId" -> id = string(at.field(k));
                    case "Arn" -> arn = arn(at.field(k));
                    case "Path" -> path = string(at.field(k));
                    case "GroupPolicyList" -> inline = inlinePolicies(at.field(k));
                    case "AttachedManagedPolicies" -> attached = attachedPolicies(at.field(k));
                    default -> p.skipChildren();
                }
            }
            groups.add(new GroupDetail(required(at, "GroupName", name), id, arn, path, attached, inline));
        }

        private void readPolicy(Ptr at) throws IOException, SnapshotException {
            expectObject(at, "a managed policy");
            String name = null;
            String id = null;
            String arn = null;
            String path = null;
            String defaultVersion = null;
            int attachments = 0;
            List<PolicyVersion> versions = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                switch (k) {
                    case "PolicyName" -> name = string(at.field(k));
                    case "PolicyId" -> id = string(at.field(k));
                    case "Arn" -> arn = arn(at.field(k));
                    case "Path" -> path = string(at.field(k));
                    case "DefaultVersionId" -> defaultVersion = string(at.field(k));
                    case "AttachmentCount" -> attachments = integer(at.field(k));
                    case "PolicyVersionList" -> versions = versions(at.field(k));
                    default -> p.skipChildren();
                }
            }
            required(at, "Arn", arn);
            policies.add(new ManagedPolicyDetail(name, id, arn, path, defaultVersion, attachments,
                    ManagedPolicyDetail.isAwsManagedArn(arn), versions));
        }

        private List<PolicyVersion> versions(Ptr at) throws IOException, SnapshotException {
            List<PolicyVersion> out = new ArrayList<>(2);
            readArray(at, el -> {
                expectObject(el, "a policy version");
                String doc = null;
                String versionId = null;
                boolean isDefault = false;
                Instant created = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    switch (k) {
                        case "Document" -> doc = document(el.field(k));
                        case "VersionId" -> versionId = string(el.field(k));
                        case "IsDefaultVersion" -> isDefault = bool(el.field(k));
                        case "CreateDate" -> created = instant(el.field(k));
                        default -> p.skipChildren();
                    }
                }
                out.add(new PolicyVersion(required(el, "VersionId", versionId), isDefault, doc, created));
            });
            return out;
        }

        private List<InlinePolicy> inlinePolicies(Ptr at) throws IOException, SnapshotException {
            List<InlinePolicy> out = new ArrayList<>(2);
            readArray(at, el -> {
                expectObject(el, "an inline policy");
                String name = null;
                String doc = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    switch (k) {
                        case "PolicyName" -> name = string(el.field(k));
                        case "PolicyDocument" -> doc = document(el.field(k));
                        default -> p.skipChildren();
                    }
                }
                required(el, "PolicyName", name);
                if (doc == null) {
                    throw shape(el.field("PolicyDocument"), "required policy document is missing");
                }
                out.add(new InlinePolicy(name, doc));
            });
            return out;
        }

        private List<AttachedPolicy> attachedPolicies(Ptr at) throws IOException, SnapshotException {
            List<AttachedPolicy> out = new ArrayList<>(4);
            readArray(at, el -> {
                expectObject(el, "an attached policy");
                String name = null;
                String arn = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    switch (k) {
                        case "PolicyName" -> name = string(el.field(k));
                        case "PolicyArn" -> arn = string(el.field(k));
                        default -> p.skipChildren();
                    }
                }
                out.add(new AttachedPolicy(name, required(el, "PolicyArn", arn)));
            });
            return out;
        }

        private List<String> strings(Ptr at) throws IOException, SnapshotException {
            List<String> out = new ArrayList<>(2);
            readArray(at, el -> {
                String s = string(el);
                if (s == null) {
                    throw shape(el, "expected a string, found null");
                }
                out.add(s);
            });
            return out;
        }

        private Map<String, String> tags(Ptr at) throws IOException, SnapshotException {
            Map<String, String> out = new LinkedHashMap<>();
            readArray(at, el -> {
                expectObject(el, "a tag");
                String key = null;
                String value = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    switch (k) {
                        case "Key" -> key = string(el.field(k));
                        case "Value" -> value = string(el.field(k));
                        default -> p.skipChildren();
                    }
                }
                out.put(required(el, "Key", key), value == null ? "" : value);
            });
            return out;
        }

        private String boundary(Ptr at) throws IOException, SnapshotException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(at, "a permissions boundary");
            String arn = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                if (k.equals("PermissionsBoundaryArn")) {
                    arn = string(at.field(k));
                } else {
                    p.skipChildren();
                }
            }
            return arn;
        }

        /** A policy document: URL-encoded or plain JSON string, or a JSON object; returns decoded JSON text. */
        private String document(Ptr at) throws IOException, SnapshotException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == JsonToken.VALUE_STRING) {
                try {
                    return PolicyText.decode(p.getText());
                } catch (IllegalArgumentException e) {
                    throw shape(at, e.getMessage());
                }
            }
            if (t == JsonToken.START_OBJECT) {
                StringWriter w = new StringWriter(512);
                try (JsonGenerator g = FACTORY.createGenerator(w)) {
                    g.copyCurrentStructure(p);
                }
                return w.toString();
            }
            throw shape(at, "expected a policy document (a JSON object or a URL-encoded string), found " + describe(t));
        }

        private String arn(Ptr at) throws IOException, SnapshotException {
            String arn = string(at);
            String acct = Arns.account(arn);
            if (acct != null && !acct.equals("aws") && Arns.isAccountId(acct)) {
                String expected = envelopeAccount != null ? envelopeAccount : arnAccount;
                if (expected != null && !expected.equals(acct)) {
                    throw shape(at, "ARN " + arn + " is in account " + acct + ", but the snapshot is of account "
                            + expected);
                }
                arnAccount = acct;
            }
            return arn;
        }

        private String string(Ptr at) throws IOException, SnapshotException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            throw shape(at, "expected a string, found " + describe(t));
        }

        private int integer(Ptr at) throws IOException, SnapshotException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return p.getIntValue();
            }
            if (t == JsonToken.VALUE_NULL) {
                return 0;
            }
            throw shape(at, "expected an integer, found " + describe(t));
        }

        private boolean bool(Ptr at) throws SnapshotException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE) {
                return true;
            }
            if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
                return false;
            }
            throw shape(at, "expected true or false, found " + describe(t));
        }

        private Instant instant(Ptr at) throws IOException, SnapshotException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return Instant.ofEpochMilli((long) (p.getDoubleValue() * 1000));
            }
            String s = string(at);
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(s);
                } catch (DateTimeParseException e2) {
                    throw shape(at, "expected an ISO-8601 timestamp, found \"" + s + "\"");
                }
            }
        }

        private <T> T required(Ptr at, String field, T value) throws SnapshotException {
            if (value == null) {
                throw shape(at.field(field), "required string is missing");
            }
            return value;
        }

        private SnapshotException shape(Ptr at, String reason) {
            String where = rootValue > 1 ? "JSON value " + rootValue + " " + at : at.toString();
            return new SnapshotException(file, at.toString(), file + ": " + where + ": " + reason);
        }

        private static String describe(JsonToken t) {
            if (t == null) {
                return "end of input";
            }
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> Objects.toString(t.asString(), t.name());
            };
        }
    }
}
