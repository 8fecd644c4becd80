package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One server-sent event of a streamed chat completion ({@code object: chat.completion.chunk}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(
        String id,
        String object,
        long created,
        String model,
        List<ChunkChoice> choices,
        Usage usage) {

    public static final String OBJECT = "chat.completion.chunk";

    public ChatCompletionChunk {
        choices = List.copyOf(choices);
    }

    /** A choice's increment; {@code finish_reason} is always written (null until the last chunk). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChunkChoice(
            int index,
            Delta delta,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("finish_reason") String finishReason) {
    }

    /** What a chunk adds to the message: the role (first chunk), text, or tool-call fragments. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content, @JsonProperty("tool_calls") List<ToolCall> toolCalls,
                        String refusal) {

        public static Delta role(String role) {
            return new Delta(role, null, null, null);
        }

        public static Delta text(String text) {
            return new Delta(null, text, null, null);
        }

        public static Delta toolCalls(List<ToolCall> calls) {
            return new Delta(null, null, List.copyOf(calls), null);
        }

        public static Delta empty() {
            return new Delta(null, null, null, null);
        }
    }
}
