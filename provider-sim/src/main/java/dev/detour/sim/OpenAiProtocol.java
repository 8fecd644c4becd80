package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** OpenAI chat completions (also what Mistral and OpenAI-compatible clients speak). */
final class OpenAiProtocol implements Protocol {

    private final Ids ids;

    OpenAiProtocol(Ids ids) {
        this.ids = ids;
    }

    @Override
    public String name() {
        return "openai";
    }

    ChatCall parseChat(JsonNode body, String userAgent) {
        ChatCall.Builder b = new ChatCall.Builder();
        b.model = Json.text(body, "model");
        if (b.model == null || b.model.isBlank()) {
            throw new BadRequest("you must provide a model parameter", "model");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new BadRequest("Missing required parameter: 'messages'.", "messages");
        }
        if (messages.isEmpty()) {
            throw new BadRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, "
                    + "but got an empty array instead.", "messages");
        }
        b.stream = body.path("stream").asBoolean(false);
        b.includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        b.mistral = body.has("safe_prompt") || body.has("random_seed")
                || (userAgent != null && userAgent.toLowerCase(Locale.ROOT).contains("mistral"));
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            int[] images = new int[1];
            String text = textOf(m.get("content"), images);
            b.countPrompt(text);
            for (JsonNode tc : m.path("tool_calls")) {
                b.countPrompt(tc.path("function").path("arguments").asText(""));
            }
            if (role.equals("user")) {
                b.lastUserText = text;
                b.images = images[0];
            }
        }
        JsonNode last = messages.get(messages.size() - 1);
        if ("tool".equals(last.path("role").asText()) || "function".equals(last.path("role").asText())) {
            b.toolResult = textOf(last.get("content"), new int[1]);
        }
        for (JsonNode t : body.path("tools")) {
            JsonNode fn = t.path("function");
            if (fn.hasNonNull("name")) {
                b.tools.add(new ToolSpec(fn.get("name").asText(), fn.get("parameters")));
            }
        }
        JsonNode choice = body.get("tool_choice");
        if (choice != null && choice.isTextual()) {
            b.toolsAllowed = !choice.asText().equals("none");
        } else if (choice != null && choice.isObject()) {
            b.forcedTool = Json.text(choice.path("function"), "name");
        }
        String format = body.path("response_format").path("type").asText("text");
        b.jsonMode = format.equals("json_object") || format.equals("json_schema");
        JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        if (max != null && max.canConvertToInt()) {
            b.maxTokens = max.asInt();
        }
        JsonNode stop = body.get("stop");
        if (stop != null && stop.isTextual()) {
            b.stops.add(stop.asText());
        } else if (stop != null && stop.isArray()) {
            stop.forEach(s -> b.stops.add(s.asText()));
        }
        return b.build();
    }

    /** Text of a message's content (string or parts), counting image parts into {@code images[0]}. */
    static String textOf(JsonNode content, int[] images) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            if (type.equals("text")) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(part.path("text").asText(""));
            } else if (type.equals("image_url") || type.equals("image")) {
                images[0]++;
            }
        }
        return sb.toString();
    }

    @Override
    public Reply response(ChatCall call, Answer answer) {
        ObjectNode message = Json.object().put("role", "assistant");
        if (answer.toolCall() != null) {
            message.putNull("content");
            message.set("tool_calls", Json.array().add(toolCall(answer.toolCall(), true, answer.toolCall().argumentsJson())));
        } else {
            message.put("content", answer.text());
        }
        message.putNull("refusal");
        ObjectNode choice = Json.object().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(answer.finish()));
        ObjectNode root = head(ids.next("chatcmpl-"), "chat.completion", call.model());
        root.set("choices", Json.array().add(choice));
        root.set("usage", usage(answer));
        return Reply.json(200, root);
    }

    @Override
    public String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    public StreamPlan stream(ChatCall call, Answer answer, boolean terminated) {
        String id = ids.next("chatcmpl-");
        List<String> content = new ArrayList<>(answer.pieces().size());
        List<String> closing = new ArrayList<>(3);
        ToolCallAnswer tc = answer.toolCall();
        ObjectNode first = Json.object().put("role", "assistant");
        if (tc == null) {
            first.put("content", "");
            for (String piece : answer.pieces()) {
                content.add(frame(chunk(id, call.model(), Json.object().put("content", piece), null)));
            }
        } else if (call.mistral()) {
            // Mistral streams each tool call whole (id, name and all arguments in one delta); its client relies on it.
            first.put("content", "");
            content.add(toolCallFrame(id, call.model(), toolCall(tc, true, tc.argumentsJson())));
        } else {
            // OpenAI: the first chunk names the call, then the arguments arrive in fragments.
            first.putNull("content");
            first.set("tool_calls", Json.array().add(toolCall(tc, true, "")));
            for (String piece : answer.pieces()) {
                content.add(toolCallFrame(id, call.model(), toolCall(tc, false, piece)));
            }
        }
        List<String> prelude = List.of(frame(chunk(id, call.model(), first, null)));
        ObjectNode last = chunk(id, call.model(), Json.object(), finishReason(answer.finish()));
        if (call.mistral()) {
            // Mistral puts usage on the chunk that carries finish_reason, without being asked.
            last.set("usage", usage(answer));
        }
        closing.add(frame(last));
        if (call.includeUsage()) {
            ObjectNode usageChunk = head(id, "chat.completion.chunk", call.model());
            usageChunk.set("choices", Json.array());
            usageChunk.set("usage", usage(answer));
            closing.add(frame(usageChunk));
        }
        if (terminated) {
            closing.add("data: [DONE]\n\n");
        }
        return new StreamPlan(prelude, content, closing);
    }

    @Override
    public String malformedFrame(ChatCall call) {
        return "data: {\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"\n\n";
    }

    @Override
    public String streamError(int status, String model) {
        return frame(errorBody(status, defaultMessage(status, model), null));
    }

    @Override
    public Reply error(int status, String message, Duration retryAfter, String model) {
        String msg = message != null ? message : defaultMessage(status, model);
        Reply r = Reply.json(status, errorBody(status, msg, null)).withHeader("x-request-id", ids.next("req_"));
        if (retryAfter != null) {
            r = r.withHeader("retry-after", Long.toString(ceilSeconds(retryAfter)))
                    .withHeader("retry-after-ms", Long.toString(retryAfter.toMillis()));
        }
        return r;
    }

    /** An error body for a request the sim could not parse; names the offending field like OpenAI does. */
    Reply badRequest(BadRequest e) {
        ObjectNode body = errorBody(400, e.getMessage(), null);
        ((ObjectNode) body.get("error")).put("param", e.param());
        return Reply.json(400, body);
    }

    @Override
    public Reply contextLengthExceeded(String model, int promptTokens, int window) {
        ObjectNode body = errorBody(400, "This model's maximum context length is " + window + " tokens. However, "
                + "your messages resulted in " + promptTokens + " tokens. Please reduce the length of the messages.",
                "context_length_exceeded");
        ((ObjectNode) body.get("error")).put("param", "messages");
        return Reply.json(400, body);
    }

    @Override
    public Reply contentPolicyError(ChatCall call) {
        return Reply.json(400, errorBody(400, "Your request was rejected as a result of our safety system. "
                + "Your prompt may contain text that is not allowed by our safety system.", "content_policy_violation"));
    }

    static long ceilSeconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    private static ObjectNode errorBody(int status, String message, String code) {
        String type;
        String defaultCode = null;
        switch (status) {
            case 401 -> {
                type = "invalid_request_error";
                defaultCode = "invalid_api_key";
            }
            case 404 -> {
                type = "invalid_request_error";
                defaultCode = "model_not_found";
            }
            case 429 -> {
                type = "requests";
                defaultCode = "rate_limit_exceeded";
            }
            default -> type = status >= 500 ? "server_error" : "invalid_request_error";
        }
        ObjectNode err = Json.object().put("message", message).put("type", type);
        err.putNull("param");
        err.put("code", code != null ? code : defaultCode);
        return Json.object().set("error", err);
    }

    private static String defaultMessage(int status, String model) {
        return switch (status) {
            case 400 -> "Invalid request.";
            case 401 -> "Incorrect API key provided: sk-sim****. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.";
            case 403 -> "You are not allowed to sample from this model.";
            case 404 -> "The model `" + model + "` does not exist or you do not have access to it.";
            case 429 -> "Rate limit reached for " + model + " in organization org-sim on requests per min (RPM): "
                    + "Limit 3, Used 3, Requested 1. Please try again later.";
            case 500 -> "The server had an error while processing your request. Sorry about that!";
            case 502 -> "Bad gateway.";
            case 503 -> "The engine is currently overloaded, please try again later.";
            case 504 -> "Gateway timeout.";
            default -> "Request failed with status " + status + ".";
        };
    }

    private ObjectNode head(String id, String object, String model) {
        return Json.object().put("id", id).put("object", object).put("created", System.currentTimeMillis() / 1000)
                .put("model", model).put("system_fingerprint", "fp_provider_sim");
    }

    private ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode choice = Json.object().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode c = head(id, "chat.completion.chunk", model);
        c.set("choices", Json.array().add(choice));
        return c;
    }

    private String toolCallFrame(String id, String model, ObjectNode toolCall) {
        ObjectNode delta = Json.object();
        delta.set("tool_calls", Json.array().add(toolCall));
        return frame(chunk(id, model, delta, null));
    }

    private static ObjectNode toolCall(ToolCallAnswer tc, boolean header, String arguments) {
        ObjectNode fn = Json.object();
        ObjectNode call = Json.object().put("index", 0);
        if (header) {
            call.put("id", "call_" + tc.idSuffix()).put("type", "function");
            fn.put("name", tc.name());
        }
        fn.put("arguments", arguments);
        call.set("function", fn);
        return call;
    }

    private static ObjectNode usage(Answer a) {
        return Json.object().put("prompt_tokens", a.inputTokens()).put("completion_tokens", a.outputTokens())
                .put("total_tokens", a.inputTokens() + a.outputTokens());
    }

    private static String finishReason(Finish f) {
        return switch (f) {
            case STOP, STOP_SEQUENCE -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case REFUSAL -> "content_filter";
        };
    }

    private static String frame(JsonNode json) {
        return "data: " + Json.string(json) + "\n\n";
    }

    /** The model list OpenAI's GET /v1/models returns. */
    JsonNode models(List<String> names) {
        ArrayNode data = Json.array();
        names.forEach(n -> data.add(model(n)));
        return Json.object().put("object", "list").set("data", data);
    }

    JsonNode model(String name) {
        return Json.object().put("id", name).put("object", "model").put("created", 1_700_000_000L)
                .put("owned_by", "provider-sim");
    }
}
