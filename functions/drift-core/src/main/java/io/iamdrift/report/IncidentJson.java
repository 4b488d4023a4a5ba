package io.iamdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Actor;
import io.iamdrift.incident.Change;
import io.iamdrift.incident.ChangeKind;
import io.iamdrift.incident.Incident;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident as JSON (contract section 4), key order fixed: {@code {"id","severity","title","principals":[names],
 * "findings":[finding ids],"change":{"kind","object","grants","consequences","detail"},"actor":{...}|null,"fix":[commands]}}.
 * The principals' full references are on the findings; {@code principals} holds their names.
 */
public final class IncidentJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IncidentJson() {}

    public static ObjectNode toNode(Incident i, boolean redact) {
        ObjectNode n = NODES.objectNode();
        n.put("id", i.id());
        n.put("severity", i.severity().name());
        n.put("title", redact ? Redaction.text(i.title()) : i.title());
        ArrayNode principals = n.putArray("principals");
        i.principals().forEach(p -> principals.add(p.name()));
        ArrayNode findings = n.putArray("findings");
        i.findings().forEach(findings::add);
        ObjectNode change = n.putObject("change");
        change.put("kind", i.change().kind().name());
        change.put("object", i.change().object());
        ArrayNode grants = change.putArray("grants");
        i.change().grants().forEach(grants::add);
        ArrayNode consequences = change.putArray("consequences");
        i.change().consequences().forEach(consequences::add);
        change.put(
                "detail",
                i.change().detail() == null
                        ? null
                        : redact
                                ? Redaction.text(i.change().detail())
                                : i.change().detail());
        if (i.actor() == null) {
            n.putNull("actor");
        } else {
            n.set("actor", actor(i.actor()));
        }
        ArrayNode fix = n.putArray("fix");
        i.fix().forEach(c -> fix.add(redact ? Redaction.text(c) : c));
        return n;
    }

    static ObjectNode actor(Actor a) {
        ObjectNode n = NODES.objectNode();
        n.put("source", a.source());
        n.put("principalArn", a.principalArn());
        n.put("principalType", a.principalType());
        n.put("sourceIp", a.sourceIp());
        n.put("userAgent", a.userAgent());
        n.put("eventTime", a.eventTime());
        n.put("eventName", a.eventName());
        n.put("note", a.note());
        return n;
    }

    /**
     * Reads an incident; principal names are matched against the report's findings for their full references
     * (a name no finding has is kept as a principal of unknown type).
     */
    public static Incident fromNode(JsonNode node, String pointer, List<PrincipalRef> known) {
        FindingJson.requireObject(node, pointer);
        List<PrincipalRef> principals = new ArrayList<>();
        for (String name : FindingJson.stringList(node.get("principals"), pointer + "/principals")) {
            principals.add(known.stream()
                    .filter(p -> p.name().equals(name))
                    .findFirst()
                    .orElse(new PrincipalRef("principal", name, null)));
        }
        JsonNode c = node.get("change");
        FindingJson.requireObject(c, pointer + "/change");
        Change change = new Change(
                FindingJson.enumValue(
                        ChangeKind.class,
                        FindingJson.requiredText(c, "kind", pointer + "/change"),
                        pointer + "/change/kind"),
                FindingJson.optionalText(c, "object", pointer + "/change"),
                FindingJson.stringList(c.get("grants"), pointer + "/change/grants"),
                FindingJson.stringList(c.get("consequences"), pointer + "/change/consequences"),
                FindingJson.optionalText(c, "detail", pointer + "/change"));
        JsonNode a = node.get("actor");
        Actor actor = null;
        if (a != null && !a.isNull()) {
            String p = pointer + "/actor";
            FindingJson.requireObject(a, p);
            actor = new Actor(
                    FindingJson.optionalText(a, "source", p),
                    FindingJson.optionalText(a, "principalArn", p),
                    FindingJson.optionalText(a, "principalType", p),
                    FindingJson.optionalText(a, "sourceIp", p),
                    FindingJson.optionalText(a, "userAgent", p),
                    FindingJson.optionalText(a, "eventTime", p),
                    FindingJson.optionalText(a, "eventName", p),
                    FindingJson.optionalText(a, "note", p));
        }
        return new Incident(
                FindingJson.requiredText(node, "id", pointer),
                FindingJson.enumValue(
                        Severity.class, FindingJson.requiredText(node, "severity", pointer), pointer + "/severity"),
                FindingJson.optionalText(node, "title", pointer),
                principals,
                FindingJson.stringList(node.get("findings"), pointer + "/findings"),
                change,
                actor,
                FindingJson.stringList(node.get("fix"), pointer + "/fix"));
    }
}
