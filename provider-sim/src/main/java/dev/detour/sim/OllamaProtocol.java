package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Ollama /api/chat: NDJSON streaming by default, a final done line with eval counts, {"error": "..."} errors. */
final class OllamaProtocol implements Protocol {

    @Override
    public String name() {
        return "ollama";
    }

    ChatCall parseChat(JsonNode body) {
        ChatCall.Builder b = new ChatCall.Builder();
        b.model = Json.text(body, "model");
        if (b.model == null || b.model.isBlank()) {
            throw new BadRequest("model is required");
        }
        JsonNode messages = body.path("messages");
        b.stream = body.path("stream").asBoolean(true); // Ollama streams unless told not to
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            String text = m.path("content").asText("");
            b.countPrompt(text);
            if (role.equals("user")) {
                b.lastUserText = text;
                b.images = m.path("images").size();
            }
        }
        if (!messages.isEmpty() && "tool".equals(messages.get(messages.size() - 1).path("role").asText())) {
            b.toolResult = messages.get(messages.size() - 1).path("content").asText("");
        }
        for (JsonNode t : body.path("tools")) {
            JsonNode fn = t.path("function");
            if (fn.hasNonNull("name")) {
                b.tools.add(new ToolSpec(fn.get("name").asText(), fn.get("parameters")));
            }
        }
        JsonNode format = body.get("format");
        b.jsonMode = format != null && (format.isObject() || "json".equals(format.asText()));
        JsonNode options = body.path("options");
        if (options.path("num_predict").canConvertToInt() && options.get("num_predict").asInt() >= 0) {
            b.maxTokens = options.get("num_predict").asInt();
        }
        JsonNode stop = options.get("stop");
        if (stop != null && stop.isArray()) {
            stop.forEach(s -> b.stops.add(s.asText()));
        } else if (stop != null && stop.isTextual()) {
            b.stops.add(stop.asText());
        }
        return b.build();
    }

    @Override
    public Reply response(ChatCall call, Answer answer) {
        ObjectNode root = line(call.model());
        root.set("message", message(answer, answer.text(), true));
        finish(root, answer);
        return Reply.json(200, root);
    }

    @Override
    public String streamContentType() {
        return "application/x-ndjson";
    }

    @Override
    public StreamPlan stream(ChatCall call, Answer answer, boolean terminated) {
        List<String> content = new ArrayList<>(answer.pieces().size());
        if (answer.toolCall() != null) {
            // Ollama does not stream tool-call arguments: one line carries the whole call.
            ObjectNode l = line(call.model());
            l.set("message", message(answer, "", true));
            content.add(ndjson(l.put("done", false)));
        } else {
            for (String piece : answer.pieces()) {
                ObjectNode l = line(call.model());
                l.set("message", message(answer, piece, false));
                content.add(ndjson(l.put("done", false)));
            }
        }
        List<String> closing = new ArrayList<>(1);
        if (terminated) {
            ObjectNode last = line(call.model());
            last.set("message", Json.object().put("role", "assistant").put("content", ""));
            finish(last, answer);
            closing.add(ndjson(last));
        }
        return new StreamPlan(List.of(), content, closing);
    }

    @Override
    public String malformedFrame(ChatCall call) {
        return "{\"model\":\"" + call.model() + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\n";
    }

    @Override
    public String streamError(int status, String model) {
        return ndjson(errorBody(defaultMessage(status, model)));
    }

    @Override
    public Reply error(int status, String message, Duration retryAfter, String model) {
        Reply r = Reply.json(status, errorBody(message != null ? message : defaultMessage(status, model)));
        if (retryAfter != null) {
            r = r.withHeader("retry-after", Long.toString(OpenAiProtocol.ceilSeconds(retryAfter)));
        }
        return r;
    }

    /**
     * Ollama itself truncates an over-long prompt silently; this is the error it gives where it does check
     * (embeddings with truncate=false), so a gateway sees a clear 400.
     */
    @Override
    public Reply contextLengthExceeded(String model, int promptTokens, int window) {
        return error(400, "the input length exceeds the context length (" + promptTokens + " > " + window + " tokens)",
                null, model);
    }

    /** Ollama has no content filter; the sim answers 400 so the fault is still visible. */
    @Override
    public Reply contentPolicyError(ChatCall call) {
        return error(400, "request blocked by content policy", null, call.model());
    }

    private static ObjectNode errorBody(String message) {
        return Json.object().put("error", message);
    }

    private static String defaultMessage(int status, String model) {
        return switch (status) {
            case 400 -> "invalid request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "model \"" + model + "\" not found, try pulling it first";
            case 429 -> "too many requests";
            case 503 -> "server busy, please try again.  maximum pending requests exceeded";
            default -> status >= 500 ? "an internal server error occurred" : "request failed with status " + status;
        };
    }

    private static ObjectNode line(String model) {
        return Json.object().put("model", model).put("created_at", Instant.now().toString());
    }

    private static ObjectNode message(Answer answer, String text, boolean withToolCall) {
        ObjectNode m = Json.object().put("role", "assistant").put("content", text);
        if (withToolCall && answer.toolCall() != null) {
            ToolCallAnswer tc = answer.toolCall();
            ArrayNode calls = m.putArray("tool_calls");
            ObjectNode call = calls.addObject().put("id", "call_" + tc.idSuffix());
            ObjectNode fn = call.putObject("function").put("index", 0).put("name", tc.name());
            fn.set("arguments", tc.arguments());
        }
        return m;
    }

    private static void finish(ObjectNode root, Answer answer) {
        root.put("done_reason", answer.finish() == Finish.LENGTH ? "length" : "stop");
        root.put("done", true);
        // Durations in nanoseconds, made up but proportional to the work, like a fast local model.
        long evalNanos = answer.outputTokens() * 10_000_000L;
        long promptNanos = answer.inputTokens() * 1_000_000L;
        root.put("total_duration", evalNanos + promptNanos + 1_000_000L);
        root.put("load_duration", 1_000_000L);
        root.put("prompt_eval_count", answer.inputTokens());
        root.put("prompt_eval_duration", promptNanos);
        root.put("eval_count", answer.outputTokens());
        root.put("eval_duration", evalNanos);
    }

    private static String ndjson(JsonNode json) {
        return Json.string(json) + "\n";
    }

    JsonNode tags(List<String> names) {
        ArrayNode models = Json.array();
        for (String n : names) {
            String tagged = n.contains(":") ? n : n + ":latest";
            ObjectNode m = models.addObject().put("name", tagged).put("model", tagged)
                    .put("modified_at", "2025-01-01T00:00:00.000000000Z").put("size", 1_000_000L)
                    .put("digest", String.format("%064x", (long) tagged.hashCode() & 0xFFFFFFFFL));
            m.putObject("details").put("parent_model", "").put("format", "gguf").put("family", "sim")
                    .put("parameter_size", "1B").put("quantization_level", "Q4_0")
                    .set("families", Json.array().add("sim"));
        }
        return Json.object().set("models", models);
    }
}
