package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages API: content blocks, named SSE events, typed errors. */
final class AnthropicProtocol implements Protocol {

    private final Ids ids;

    AnthropicProtocol(Ids ids) {
        this.ids = ids;
    }

    @Override
    public String name() {
        return "anthropic";
    }

    ChatCall parseChat(JsonNode body) {
        ChatCall.Builder b = new ChatCall.Builder();
        b.model = Json.text(body, "model");
        if (b.model == null || b.model.isBlank()) {
            throw new BadRequest("model: Field required");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new BadRequest("messages: Field required");
        }
        if (messages.isEmpty()) {
            throw new BadRequest("messages: at least one message is required");
        }
        JsonNode max = body.get("max_tokens");
        if (max == null || !max.canConvertToInt()) {
            throw new BadRequest("max_tokens: Field required");
        }
        b.maxTokens = max.asInt();
        b.stream = body.path("stream").asBoolean(false);
        b.countPrompt(blocksText(body.get("system"), new int[1], null));
        for (JsonNode m : messages) {
            int[] images = new int[1];
            String[] toolResult = new String[1];
            String text = blocksText(m.get("content"), images, toolResult);
            b.countPrompt(text);
            if (toolResult[0] != null) {
                b.countPrompt(toolResult[0]);
            }
            if ("user".equals(m.path("role").asText()) && (!text.isEmpty() || images[0] > 0 || toolResult[0] == null)) {
                b.lastUserText = text;
                b.images = images[0];
            }
        }
        JsonNode last = messages.get(messages.size() - 1);
        if ("user".equals(last.path("role").asText())) {
            String[] toolResult = new String[1];
            blocksText(last.get("content"), new int[1], toolResult);
            b.toolResult = toolResult[0];
        }
        for (JsonNode t : body.path("tools")) {
            if (t.hasNonNull("name")) {
                b.tools.add(new ToolSpec(t.get("name").asText(), t.get("input_schema")));
            }
        }
        JsonNode choice = body.path("tool_choice");
        switch (choice.path("type").asText("auto")) {
            case "none" -> b.toolsAllowed = false;
            case "tool" -> b.forcedTool = Json.text(choice, "name");
            default -> { }
        }
        // Structured outputs: output_config.format (GA) or output_format (the earlier beta).
        String format = body.path("output_config").path("format").path("type")
                .asText(body.path("output_format").path("type").asText(""));
        b.jsonMode = format.toLowerCase(java.util.Locale.ROOT).contains("json");
        body.path("stop_sequences").forEach(s -> b.stops.add(s.asText()));
        return b.build();
    }

    /**
     * Text of a string or a block list, counting image blocks and putting the content of the last
     * tool_result block into {@code toolResult[0]} (when toolResult is not null).
     */
    private static String blocksText(JsonNode content, int[] images, String[] toolResult) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
            switch (block.path("type").asText("")) {
                case "text" -> {
                    if (!sb.isEmpty()) {
                        sb.append(' ');
                    }
                    sb.append(block.path("text").asText(""));
                }
                case "image" -> images[0]++;
                case "tool_result" -> {
                    if (toolResult != null) {
                        toolResult[0] = blocksText(block.get("content"), new int[1], null);
                    }
                }
                default -> { }
            }
        }
        return sb.toString();
    }

    @Override
    public Reply response(ChatCall call, Answer answer) {
        ObjectNode root = message(ids.next("msg_"), call.model());
        var content = root.putArray("content");
        if (answer.toolCall() != null) {
            ToolCallAnswer tc = answer.toolCall();
            content.addObject().put("type", "tool_use").put("id", "toolu_" + tc.idSuffix()).put("name", tc.name())
                    .set("input", tc.arguments());
        } else if (answer.finish() != Finish.REFUSAL) {
            content.addObject().put("type", "text").put("text", answer.text());
        }
        root.put("stop_reason", stopReason(answer.finish()));
        root.put("stop_sequence", answer.stopSequence());
        root.set("usage", usage(answer.inputTokens(), answer.outputTokens()));
        return Reply.json(200, root);
    }

    @Override
    public String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    public StreamPlan stream(ChatCall call, Answer answer, boolean terminated) {
        List<String> prelude = new ArrayList<>(3);
        List<String> content = new ArrayList<>(answer.pieces().size());
        List<String> closing = new ArrayList<>(3);
        ObjectNode start = message(ids.next("msg_"), call.model());
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.set("usage", usage(answer.inputTokens(), 1));
        prelude.add(event("message_start", Json.object().put("type", "message_start").set("message", start)));
        ToolCallAnswer tc = answer.toolCall();
        boolean hasBlock = answer.finish() != Finish.REFUSAL;
        if (hasBlock) {
            ObjectNode block = tc == null
                    ? Json.object().put("type", "text").put("text", "")
                    : Json.object().put("type", "tool_use").put("id", "toolu_" + tc.idSuffix()).put("name", tc.name())
                            .set("input", Json.object());
            prelude.add(event("content_block_start",
                    Json.object().put("type", "content_block_start").put("index", 0).set("content_block", block)));
        }
        prelude.add("event: ping\ndata: {\"type\": \"ping\"}\n\n");
        for (String piece : answer.pieces()) {
            ObjectNode delta = tc == null
                    ? Json.object().put("type", "text_delta").put("text", piece)
                    : Json.object().put("type", "input_json_delta").put("partial_json", piece);
            content.add(event("content_block_delta",
                    Json.object().put("type", "content_block_delta").put("index", 0).set("delta", delta)));
        }
        if (hasBlock) {
            closing.add(event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)));
        }
        ObjectNode delta = Json.object().put("stop_reason", stopReason(answer.finish()))
                .put("stop_sequence", answer.stopSequence());
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.set("delta", delta);
        messageDelta.set("usage", Json.object().put("output_tokens", answer.outputTokens()));
        closing.add(event("message_delta", messageDelta));
        if (terminated) {
            closing.add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        }
        return new StreamPlan(prelude, content, closing);
    }

    @Override
    public String malformedFrame(ChatCall call) {
        return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_del\n\n";
    }

    @Override
    public String streamError(int status, String model) {
        return event("error", errorBody(status, defaultMessage(status, model)));
    }

    @Override
    public Reply error(int status, String message, Duration retryAfter, String model) {
        ObjectNode body = errorBody(status, message != null ? message : defaultMessage(status, model));
        String requestId = ids.next("req_");
        body.put("request_id", requestId);
        Reply r = Reply.json(status, body).withHeader("request-id", requestId);
        if (retryAfter != null) {
            r = r.withHeader("retry-after", Long.toString(OpenAiProtocol.ceilSeconds(retryAfter)));
        }
        return r;
    }

    @Override
    public Reply contextLengthExceeded(String model, int promptTokens, int window) {
        return error(400, "prompt is too long: " + promptTokens + " tokens > " + window + " maximum", null, model);
    }

    /** Anthropic answers 200 with stop_reason "refusal" when its safety classifiers stop a reply. */
    @Override
    public Reply contentPolicyError(ChatCall call) {
        return null;
    }

    private static ObjectNode errorBody(int status, String message) {
        ObjectNode err = Json.object().put("type", errorType(status)).put("message", message);
        return Json.object().put("type", "error").set("error", err);
    }

    static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static String defaultMessage(int status, String model) {
        return switch (status) {
            case 400 -> "Invalid request.";
            case 401 -> "invalid x-api-key";
            case 403 -> "Your API key does not have permission to use the specified resource.";
            case 404 -> "model: " + model;
            case 413 -> "Request exceeds the maximum allowed number of bytes.";
            case 429 -> "This request would exceed the rate limit for your organization of 50 requests per minute.";
            case 504 -> "Request timed out.";
            case 529 -> "Overloaded";
            default -> status >= 500 ? "Internal server error" : "Request failed with status " + status + ".";
        };
    }

    private static ObjectNode message(String id, String model) {
        return Json.object().put("id", id).put("type", "message").put("role", "assistant").put("model", model);
    }

    private static ObjectNode usage(int input, int output) {
        return Json.object().put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", output);
    }

    private static String stopReason(Finish f) {
        return switch (f) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_CALLS -> "tool_use";
            case REFUSAL -> "refusal";
        };
    }

    private static String event(String name, JsonNode data) {
        return "event: " + name + "\ndata: " + Json.string(data) + "\n\n";
    }
}
