package io.iamdrift.snapshot;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the entities of {@code GetAccountAuthorizationDetails}: users, roles, groups and managed policies, with
 * their policy lists, boundaries and tags. Unknown members are skipped (AWS adds members over time).
 */
final class DetailReader {

    private final JsonCursor c;
    private final AccountEvidence accounts;

    DetailReader(JsonCursor c, AccountEvidence accounts) {
        this.c = c;
        this.accounts = accounts;
    }

    UserDetail user(JsonPointer at) throws IOException, SnapshotException {
        var u = new Object() {
            String name, id, arn, path, boundary;
            Instant created;
            List<AttachedPolicy> attached = List.of();
            List<InlinePolicy> inline = List.of();
            List<String> groups = List.of();
            Map<String, String> tags = Map.of();
        };
        c.object(at, "a user", (k, f) -> {
            switch (k) {
                case "UserName" -> u.name = c.string(f);
                case "UserId" -> u.id = c.string(f);
                case "Arn" -> u.arn = arn(f);
                case "Path" -> u.path = c.string(f);
                case "CreateDate" -> u.created = c.instant(f);
                case "UserPolicyList" -> u.inline = inlinePolicies(f);
                case "AttachedManagedPolicies" -> u.attached = attachedPolicies(f);
                case "GroupList" -> u.groups = c.strings(f);
                case "PermissionsBoundary" -> u.boundary = boundary(f);
                case "Tags" -> u.tags = tags(f);
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new UserDetail(
                c.required(at, "UserName", u.name),
                u.id,
                u.arn,
                u.path,
                u.created,
                u.attached,
                u.inline,
                u.groups,
                u.boundary,
                u.tags);
    }

    RoleDetail role(JsonPointer at) throws IOException, SnapshotException {
        var r = new Object() {
            String name, id, arn, path, trust, boundary;
            Instant created;
            List<AttachedPolicy> attached = List.of();
            List<InlinePolicy> inline = List.of();
            Map<String, String> tags = Map.of();
        };
        c.object(at, "a role", (k, f) -> {
            switch (k) {
                case "RoleName" -> r.name = c.string(f);
                case "RoleId" -> r.id = c.string(f);
                case "Arn" -> r.arn = arn(f);
                case "Path" -> r.path = c.string(f);
                case "CreateDate" -> r.created = c.instant(f);
                case "AssumeRolePolicyDocument" -> r.trust = c.document(f);
                case "RolePolicyList" -> r.inline = inlinePolicies(f);
                case "AttachedManagedPolicies" -> r.attached = attachedPolicies(f);
                case "PermissionsBoundary" -> r.boundary = boundary(f);
                case "Tags" -> r.tags = tags(f);
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new RoleDetail(
                c.required(at, "RoleName", r.name),
                r.id,
                r.arn,
                r.path,
                r.created,
                r.trust,
                r.attached,
                r.inline,
                r.boundary,
                r.tags);
    }

    GroupDetail group(JsonPointer at) throws IOException, SnapshotException {
        var g = new Object() {
            String name, id, arn, path;
            List<AttachedPolicy> attached = List.of();
            List<InlinePolicy> inline = List.of();
        };
        c.object(at, "a group", (k, f) -> {
            switch (k) {
                case "GroupName" -> g.name = c.string(f);
                case "GroupId" -> g.id = c.string(f);
                case "Arn" -> g.arn = arn(f);
                case "Path" -> g.path = c.string(f);
                case "GroupPolicyList" -> g.inline = inlinePolicies(f);
                case "AttachedManagedPolicies" -> g.attached = attachedPolicies(f);
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new GroupDetail(c.required(at, "GroupName", g.name), g.id, g.arn, g.path, g.attached, g.inline);
    }

    ManagedPolicyDetail policy(JsonPointer at) throws IOException, SnapshotException {
        var p = new Object() {
            String name, id, arn, path, defaultVersion;
            int attachments;
            List<PolicyVersion> versions = List.of();
        };
        c.object(at, "a managed policy", (k, f) -> {
            switch (k) {
                case "PolicyName" -> p.name = c.string(f);
                case "PolicyId" -> p.id = c.string(f);
                case "Arn" -> p.arn = arn(f);
                case "Path" -> p.path = c.string(f);
                case "DefaultVersionId" -> p.defaultVersion = c.string(f);
                case "AttachmentCount" -> p.attachments = c.integer(f);
                case "PolicyVersionList" -> p.versions = versions(f);
                default -> {
                    return false;
                }
            }
            return true;
        });
        c.required(at, "Arn", p.arn);
        return new ManagedPolicyDetail(
                p.name,
                p.id,
                p.arn,
                p.path,
                p.defaultVersion,
                p.attachments,
                ManagedPolicyDetail.isAwsManagedArn(p.arn),
                p.versions);
    }

    private List<PolicyVersion> versions(JsonPointer at) throws IOException, SnapshotException {
        List<PolicyVersion> out = new ArrayList<>(2);
        c.array(at, el -> {
            var v = new Object() {
                String doc, versionId;
                boolean isDefault;
                Instant created;
            };
            c.object(el, "a policy version", (k, f) -> {
                switch (k) {
                    case "Document" -> v.doc = c.document(f);
                    case "VersionId" -> v.versionId = c.string(f);
                    case "IsDefaultVersion" -> v.isDefault = c.bool(f);
                    case "CreateDate" -> v.created = c.instant(f);
                    default -> {
                        return false;
                    }
                }
                return true;
            });
            out.add(new PolicyVersion(c.required(el, "VersionId", v.versionId), v.isDefault, v.doc, v.created));
        });
        return out;
    }

    private List<InlinePolicy> inlinePolicies(JsonPointer at) throws IOException, SnapshotException {
        List<InlinePolicy> out = new ArrayList<>(2);
        c.array(at, el -> {
            String[] nameDoc = pair(el, "an inline policy", "PolicyName", c::string, "PolicyDocument", c::document);
            c.required(el, "PolicyName", nameDoc[0]);
            if (nameDoc[1] == null) {
                throw c.shape(el.field("PolicyDocument"), "required policy document is missing");
            }
            out.add(new InlinePolicy(nameDoc[0], nameDoc[1]));
        });
        return out;
    }

    private List<AttachedPolicy> attachedPolicies(JsonPointer at) throws IOException, SnapshotException {
        List<AttachedPolicy> out = new ArrayList<>(4);
        c.array(at, el -> {
            String[] nameArn = pair(el, "an attached policy", "PolicyName", c::string, "PolicyArn", c::string);
            out.add(new AttachedPolicy(nameArn[0], c.required(el, "PolicyArn", nameArn[1])));
        });
        return out;
    }

    private Map<String, String> tags(JsonPointer at) throws IOException, SnapshotException {
        Map<String, String> out = new LinkedHashMap<>();
        c.array(at, el -> {
            String[] keyValue = pair(el, "a tag", "Key", c::string, "Value", c::string);
            out.put(c.required(el, "Key", keyValue[0]), keyValue[1] == null ? "" : keyValue[1]);
        });
        return out;
    }

    /** Reads one text value of a member (a string, or a policy document). */
    @FunctionalInterface
    private interface TextValue {
        String read(JsonPointer at) throws IOException, SnapshotException;
    }

    /** The two wanted members of an object ({@code null} when absent); other members are skipped. */
    private String[] pair(
            JsonPointer at, String what, String first, TextValue readFirst, String second, TextValue readSecond)
            throws IOException, SnapshotException {
        String[] values = new String[2];
        c.object(at, what, (k, f) -> {
            if (k.equals(first)) {
                values[0] = readFirst.read(f);
            } else if (k.equals(second)) {
                values[1] = readSecond.read(f);
            } else {
                return false;
            }
            return true;
        });
        return values;
    }

    private String boundary(JsonPointer at) throws IOException, SnapshotException {
        if (c.current() == JsonToken.VALUE_NULL) {
            return null;
        }
        String[] arn = new String[1];
        c.object(at, "a permissions boundary", (k, f) -> {
            if (!k.equals("PermissionsBoundaryArn")) {
                return false;
            }
            arn[0] = c.string(f);
            return true;
        });
        return arn[0];
    }

    private String arn(JsonPointer at) throws IOException, SnapshotException {
        String arn = c.string(at);
        accounts.arn(arn, at);
        return arn;
    }
}
