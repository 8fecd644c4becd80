package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Computes the answer to a chat call as a pure function of the request, so tests can assert exact content. */
final class Answerer {

    /** Tool-call arguments are streamed in fragments of this many characters. */
    static final int ARGUMENT_FRAGMENT = 8;

    private Answerer() {
    }

    static Answer answer(ChatCall call) {
        if (call.toolResult() == null && !call.tools().isEmpty() && call.toolsAllowed()) {
            return toolCall(call);
        }
        String text;
        if (call.toolResult() != null) {
            text = "Tool result: " + call.toolResult();
        } else if (call.jsonMode()) {
            ObjectNode o = Json.object().put("echo", call.lastUserText());
            if (call.images() > 0) {
                o.put("images", call.images());
            }
            text = Json.string(o);
        } else {
            text = "Echo: " + call.lastUserText() + imageNote(call.images());
        }
        Finish finish = Finish.STOP;
        String stopSequence = null;
        int cut = text.length();
        for (String stop : call.stops()) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0 && at < cut) {
                cut = at;
                stopSequence = stop;
            }
        }
        if (stopSequence != null) {
            text = text.substring(0, cut);
            finish = Finish.STOP_SEQUENCE;
        }
        List<String> pieces = Words.pieces(text);
        if (call.maxTokens() != null && pieces.size() > call.maxTokens()) {
            pieces = pieces.subList(0, Math.max(0, call.maxTokens()));
            text = String.join("", pieces);
            finish = Finish.LENGTH;
            stopSequence = null;
        }
        return new Answer(text, null, finish, stopSequence, List.copyOf(pieces), call.promptTokens(), pieces.size());
    }

    private static String imageNote(int images) {
        return switch (images) {
            case 0 -> "";
            case 1 -> " [1 image]";
            default -> " [" + images + " images]";
        };
    }

    private static Answer toolCall(ChatCall call) {
        ToolSpec tool = call.tools().get(0);
        if (call.forcedTool() != null) {
            tool = call.tools().stream().filter(t -> t.name().equals(call.forcedTool())).findFirst()
                    .orElse(new ToolSpec(call.forcedTool(), null));
        }
        ObjectNode args = argumentsFor(tool.parameters());
        String json = Json.string(args);
        List<String> fragments = new ArrayList<>();
        for (int i = 0; i < json.length(); i += ARGUMENT_FRAGMENT) {
            fragments.add(json.substring(i, Math.min(json.length(), i + ARGUMENT_FRAGMENT)));
        }
        String idSuffix = String.format("%016x", (long) (call.model() + '/' + tool.name() + '/' + call.lastUserText())
                .hashCode() * 0x9E3779B97F4A7C15L);
        ToolCallAnswer tc = new ToolCallAnswer(idSuffix, tool.name(), args, json);
        return new Answer("", tc, Finish.TOOL_CALLS, null, List.copyOf(fragments), call.promptTokens(),
                Math.max(1, fragments.size()));
    }

    /** An object holding a sample value for every required property of a JSON schema. */
    static ObjectNode argumentsFor(JsonNode schema) {
        ObjectNode out = Json.object();
        if (schema == null || !schema.isObject()) {
            return out;
        }
        JsonNode props = schema.path("properties");
        for (JsonNode req : schema.path("required")) {
            String name = req.asText();
            out.set(name, sample(props.path(name)));
        }
        return out;
    }

    private static JsonNode sample(JsonNode schema) {
        JsonNode en = schema.path("enum");
        if (en.isArray() && !en.isEmpty()) {
            return en.get(0);
        }
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText() : schema.path("type").asText("string");
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "number", "integer" -> Json.MAPPER.getNodeFactory().numberNode(1);
            case "boolean" -> Json.MAPPER.getNodeFactory().booleanNode(true);
            case "array" -> {
                ArrayNode a = Json.array();
                yield a;
            }
            case "object" -> argumentsFor(schema);
            case "null" -> Json.MAPPER.getNodeFactory().nullNode();
            default -> Json.MAPPER.getNodeFactory().textNode("x");
        };
    }
}
