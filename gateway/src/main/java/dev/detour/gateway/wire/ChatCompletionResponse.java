package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A complete (non-streamed) chat completion, in the OpenAI schema whoever produced it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionResponse(
        String id,
        String object,
        long created,
        String model,
        List<Choice> choices,
        Usage usage,
        @JsonProperty("system_fingerprint") String systemFingerprint) {

    public static final String OBJECT = "chat.completion";

    public ChatCompletionResponse {
        choices = List.copyOf(choices);
    }

    public ChatCompletionResponse withIdentity(String newId, long newCreated, String newModel) {
        return new ChatCompletionResponse(newId, OBJECT, newCreated, newModel, choices, usage, systemFingerprint);
    }

    /** One answer; {@code logprobs} is always written (null) because the schema requires the key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(
            int index,
            ChatMessage message,
            @JsonProperty("finish_reason") String finishReason,
            @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs) {

        public Choice(int index, ChatMessage message, String finishReason) {
            this(index, message, finishReason, null);
        }
    }
}
