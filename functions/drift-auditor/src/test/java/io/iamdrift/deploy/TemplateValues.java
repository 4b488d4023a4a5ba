package io.iamdrift.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions of a (transformed) CloudFormation template to the values CloudFormation
 * would give them in account 123456789012, us-east-1, stack {@code iam-drift-auditor}: parameters take their
 * defaults, resources get realistic physical names and ARNs by type. A resource type or intrinsic it does not
 * know is an error, never a guess.
 */
final class TemplateValues {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String STACK = "iam-drift-auditor";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final JsonNode template;
    private final Map<String, String> parameters;

    /** @param parameters values of the parameters that have no default (or overrides) */
    TemplateValues(JsonNode template, Map<String, String> parameters) {
        this.template = template;
        this.parameters = Map.copyOf(parameters);
    }

    /** A copy of {@code node} with every intrinsic function replaced by its value. */
    JsonNode resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                JsonNode r = resolve(item);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref":
                    return ref(arg.asText());
                case "Fn::GetAtt":
                    return TextNode.valueOf(
                            attribute(arg.get(0).asText(), arg.get(1).asText()));
                case "Fn::Sub":
                    return TextNode.valueOf(sub(arg));
                case "Fn::Join":
                    return TextNode.valueOf(join(arg));
                case "Fn::If":
                    return resolve(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
                default:
                    if (fn.startsWith("Fn::")) {
                        throw new IllegalArgumentException(
                                "intrinsic function " + fn + " is not resolved by this test: " + node);
                    }
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = resolve(e.getValue());
            if (r != null) {
                out.set(e.getKey(), r);
            }
        }
        return out;
    }

    /** Evaluates a named condition with the parameters' defaults. */
    boolean condition(String name) {
        JsonNode c = template.path("Conditions").get(name);
        if (c == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return truth(c);
    }

    private boolean truth(JsonNode c) {
        String fn = c.fieldNames().next();
        JsonNode arg = c.get(fn);
        return switch (fn) {
            case "Fn::Equals" ->
                resolve(arg.get(0)).asText().equals(resolve(arg.get(1)).asText());
            case "Fn::Not" -> !truth(arg.get(0));
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode a : arg) all &= truth(a);
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode a : arg) any |= truth(a);
                yield any;
            }
            case "Condition" -> condition(arg.asText());
            default -> throw new IllegalArgumentException("condition function " + fn + " is not resolved by this test");
        };
    }

    /** {@code Ref}: a pseudo parameter, a parameter's default, or a resource's physical id (null: AWS::NoValue). */
    private JsonNode ref(String name) {
        switch (name) {
            case "AWS::NoValue":
                return null;
            case "AWS::AccountId":
                return TextNode.valueOf(ACCOUNT);
            case "AWS::Region":
                return TextNode.valueOf(REGION);
            case "AWS::Partition":
                return TextNode.valueOf("aws");
            case "AWS::StackName":
                return TextNode.valueOf(STACK);
            case "AWS::URLSuffix":
                return TextNode.valueOf("amazonaws.com");
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return TextNode.valueOf(parameters.get(name));
        }
        JsonNode parameter = template.path("Parameters").get(name);
        if (parameter != null) {
            if (!parameter.has("Default")) {
                throw new IllegalArgumentException("parameter " + name + " has no default");
            }
            return TextNode.valueOf(parameter.get("Default").asText());
        }
        return TextNode.valueOf(physicalId(name));
    }

    private JsonNode resource(String logicalId) {
        JsonNode r = template.path("Resources").get(logicalId);
        if (r == null) {
            throw new IllegalArgumentException("no resource or parameter named " + logicalId);
        }
        return r;
    }

    /** What {@code Ref} returns for a resource, by type. */
    String physicalId(String logicalId) {
        JsonNode r = resource(logicalId);
        String type = r.path("Type").asText();
        JsonNode props = r.path("Properties");
        String generated = STACK + "-" + logicalId + "-1A2B3C4D5E6F";
        return switch (type) {
            case "AWS::S3::Bucket" -> generated.toLowerCase(Locale.ROOT);
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + generated;
            case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + generated;
            case "AWS::Logs::LogGroup" ->
                props.has("LogGroupName") ? resolve(props.get("LogGroupName")).asText() : generated;
            case "AWS::Lambda::Function" ->
                props.has("FunctionName") ? resolve(props.get("FunctionName")).asText() : generated;
            case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + ACCOUNT + ":policy/" + generated;
            case "AWS::IAM::Role", "AWS::Events::Rule" -> generated;
            // Ref of a version is its ARN (the first published version here); of an alias, the alias ARN
            case "AWS::Lambda::Version" -> functionArn(props) + ":1";
            case "AWS::Lambda::Alias" ->
                functionArn(props) + ":" + resolve(props.get("Name")).asText();
            default ->
                throw new IllegalArgumentException(
                        "Ref of a " + type + " (" + logicalId + ") is not resolved by this test");
        };
    }

    private String functionArn(JsonNode props) {
        String name = resolve(props.get("FunctionName")).asText();
        return name.startsWith("arn:") ? name : "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    /** {@code Fn::GetAtt}, by type. */
    String attribute(String logicalId, String name) {
        String type = resource(logicalId).path("Type").asText();
        String id = physicalId(logicalId);
        String value = switch (type + "." + name) {
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + id;
            case "AWS::SQS::Queue.Arn" ->
                "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + id.substring(id.lastIndexOf('/') + 1);
            case "AWS::SQS::Queue.QueueName" -> id.substring(id.lastIndexOf('/') + 1);
            case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + id + ":*";
            case "AWS::Lambda::Function.Arn" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + id;
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + id;
            case "AWS::Events::Rule.Arn" -> "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + id;
            case "AWS::Lambda::Version.Version" -> id.substring(id.lastIndexOf(':') + 1);
            default -> null;
        };
        if (value == null) {
            throw new IllegalArgumentException(
                    "Fn::GetAtt " + logicalId + "." + name + " (" + type + ") is not resolved by this test");
        }
        return value;
    }

    private String sub(JsonNode arg) {
        String text = arg.isArray() ? arg.get(0).asText() : arg.asText();
        JsonNode vars = arg.isArray() ? arg.get(1) : null;
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (vars != null && vars.has(name)) {
                value = resolve(vars.get(name)).asText();
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                value = attribute(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
            } else {
                value = ref(name).asText();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private String join(JsonNode arg) {
        StringBuilder out = new StringBuilder();
        JsonNode parts = resolve(arg.get(1));
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(arg.get(0).asText());
            }
            out.append(parts.get(i).asText());
        }
        return out.toString();
    }
}
