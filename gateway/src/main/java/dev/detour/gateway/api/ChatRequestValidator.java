package dev.detour.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.ContentPart;
import dev.detour.gateway.wire.Tool;
import dev.detour.gateway.wire.ToolCall;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a chat request against the OpenAI contract before any provider sees it, naming the offending field.
 * Fields Detour does not carry are refused unless they hold the value that changes nothing.
 */
public final class ChatRequestValidator {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    /** Fields Detour does not forward, accepted only with the value that means "as if absent". */
    private static final Map<String, String> HARMLESS_WHEN = Map.of(
            "logprobs", "false",
            "store", "false",
            "service_tier", "\"auto\"",
            "modalities", "[\"text\"]",
            "metadata", "{}",
            "logit_bias", "{}");

    public void validate(ChatCompletionRequest request) {
        if (request.model() == null || request.model().isBlank()) {
            throw ApiException.badRequest("missing_required_parameter", "model", "'model' is required");
        }
        rejectUnknownFields(request.otherFields());
        List<ChatMessage> messages = request.messages();
        if (messages == null || messages.isEmpty()) {
            throw ApiException.badRequest("missing_required_parameter", "messages",
                    "'messages' must be a non-empty array");
        }
        for (int i = 0; i < messages.size(); i++) {
            validateMessage(messages.get(i), "messages[" + i + "]");
        }
        range(request.temperature(), 0, 2, "temperature");
        range(request.topP(), 0, 1, "top_p");
        range(request.presencePenalty(), -2, 2, "presence_penalty");
        range(request.frequencyPenalty(), -2, 2, "frequency_penalty");
        atLeastOne(request.maxTokens(), "max_tokens");
        atLeastOne(request.maxCompletionTokens(), "max_completion_tokens");
        atLeastOne(request.n(), "n");
        if (request.stop() != null && request.stop().size() > 4) {
            throw ApiException.badRequest("invalid_value", "stop", "'stop' may hold at most 4 sequences");
        }
        if (request.streamOptions() != null && !request.isStream()) {
            throw ApiException.badRequest("invalid_value", "stream_options",
                    "'stream_options' is only allowed when 'stream' is true");
        }
        validateTools(request);
        if (request.responseFormat() != null) {
            String type = request.responseFormat().type();
            if (!Set.of("text", "json_object", "json_schema").contains(String.valueOf(type))) {
                throw ApiException.badRequest("invalid_value", "response_format.type",
                        "'response_format.type' must be text, json_object or json_schema");
            }
            if ("json_schema".equals(type) && (request.responseFormat().jsonSchema() == null
                    || request.responseFormat().jsonSchema().name() == null)) {
                throw ApiException.badRequest("missing_required_parameter", "response_format.json_schema",
                        "'response_format.json_schema' with a 'name' is required for type json_schema");
            }
        }
    }

    private static void rejectUnknownFields(Map<String, JsonNode> otherFields) {
        for (Map.Entry<String, JsonNode> field : otherFields.entrySet()) {
            String harmless = HARMLESS_WHEN.get(field.getKey());
            JsonNode value = field.getValue();
            if (value == null || value.isNull() || (harmless != null && harmless.equals(value.toString()))) {
                continue;
            }
            throw ApiException.badRequest("unsupported_parameter", field.getKey(),
                    "Detour does not support the parameter '" + field.getKey() + "'"
                            + (harmless == null ? "" : " with a value other than " + harmless));
        }
    }

    private static void validateMessage(ChatMessage message, String where) {
        if (message == null) {
            throw ApiException.badRequest("invalid_value", where, where + " must be an object");
        }
        if (message.role() == null || !ROLES.contains(message.role())) {
            throw ApiException.badRequest("invalid_value", where + ".role",
                    "'" + where + ".role' must be one of system, developer, user, assistant, tool");
        }
        boolean hasToolCalls = message.toolCalls() != null && !message.toolCalls().isEmpty();
        if (message.content() == null && !("assistant".equals(message.role()) && hasToolCalls)) {
            throw ApiException.badRequest("missing_required_parameter", where + ".content",
                    "'" + where + ".content' is required for a " + message.role() + " message");
        }
        if ("tool".equals(message.role()) && message.toolCallId() == null) {
            throw ApiException.badRequest("missing_required_parameter", where + ".tool_call_id",
                    "'" + where + ".tool_call_id' is required for a tool message");
        }
        if (hasToolCalls && !"assistant".equals(message.role())) {
            throw ApiException.badRequest("invalid_value", where + ".tool_calls",
                    "only assistant messages may carry 'tool_calls'");
        }
        if (hasToolCalls) {
            for (int i = 0; i < message.toolCalls().size(); i++) {
                ToolCall call = message.toolCalls().get(i);
                if (call.id() == null || call.function() == null || call.function().name() == null) {
                    throw ApiException.badRequest("missing_required_parameter", where + ".tool_calls[" + i + "]",
                            "each tool call needs an 'id' and a 'function.name'");
                }
            }
        }
        if (message.content() != null && !message.content().isPlain()) {
            List<ContentPart> parts = message.content().parts();
            for (int i = 0; i < parts.size(); i++) {
                String type = parts.get(i).type();
                boolean allowed = "text".equals(type) || ("image_url".equals(type) && "user".equals(message.role()));
                if (!allowed) {
                    throw ApiException.badRequest("unsupported_parameter", where + ".content[" + i + "].type",
                            "content parts of type '" + type + "' are not supported in a " + message.role() + " message");
                }
            }
        }
    }

    private static void validateTools(ChatCompletionRequest request) {
        if (request.tools() != null) {
            for (int i = 0; i < request.tools().size(); i++) {
                Tool tool = request.tools().get(i);
                if (tool == null || !"function".equals(tool.type()) || tool.function() == null
                        || tool.function().name() == null || tool.function().name().isBlank()) {
                    throw ApiException.badRequest("invalid_value", "tools[" + i + "]",
                            "each tool must be {\"type\":\"function\",\"function\":{\"name\":...}}");
                }
            }
        }
        if (request.toolChoice() != null && request.toolChoice().functionName() != null) {
            boolean known = request.tools() != null && request.tools().stream()
                    .anyMatch(t -> request.toolChoice().functionName().equals(t.function().name()));
            if (!known) {
                throw ApiException.badRequest("invalid_value", "tool_choice",
                        "'tool_choice' names the function '" + request.toolChoice().functionName()
                                + "', which is not among 'tools'");
            }
        }
    }

    private static void range(Double value, double min, double max, String field) {
        if (value != null && (value < min || value > max || value.isNaN())) {
            throw ApiException.badRequest("invalid_value", field,
                    "'" + field + "' must be between " + trim(min) + " and " + trim(max) + ", got " + value);
        }
    }

    private static void atLeastOne(Integer value, String field) {
        if (value != null && value < 1) {
            throw ApiException.badRequest("invalid_value", field, "'" + field + "' must be at least 1, got " + value);
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
