package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One message of a conversation (request) or the assistant's answer (response).
 * {@code content} and {@code refusal} are always written, as null when absent, because the OpenAI response
 * schema requires both keys on an assistant message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(
        String role,
        @JsonInclude(JsonInclude.Include.ALWAYS) MessageContent content,
        String name,
        @JsonProperty("tool_calls") List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") String toolCallId,
        @JsonInclude(JsonInclude.Include.ALWAYS) String refusal) {

    public static ChatMessage system(String text) {
        return new ChatMessage("system", MessageContent.ofText(text), null, null, null, null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", MessageContent.ofText(text), null, null, null, null);
    }

    public static ChatMessage assistant(String text, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", text == null ? null : MessageContent.ofText(text), null,
                toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls), null, null);
    }

    /** The text of the message, parts joined; null when it has none. */
    public String text() {
        return content == null ? null : content.text();
    }
}
