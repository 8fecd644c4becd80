package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts of one completion, as OpenAI reports them. {@code promptTokensDetails} says how many of the prompt
 * tokens were read from the provider's prompt cache (billed at the cached price); absent when the provider did not say.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens,
        @JsonProperty("total_tokens") int totalTokens,
        @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails) {

    public Usage(int promptTokens, int completionTokens, int totalTokens) {
        this(promptTokens, completionTokens, totalTokens, null);
    }

    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** Prompt tokens read from the provider's cache; 0 when not reported. */
    public int cachedTokens() {
        return promptTokensDetails == null || promptTokensDetails.cachedTokens() == null ? 0
                : promptTokensDetails.cachedTokens();
    }

    /** OpenAI's {@code prompt_tokens_details}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromptTokensDetails(@JsonProperty("cached_tokens") Integer cachedTokens) {
    }
}
