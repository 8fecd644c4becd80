package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.wire.Usage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/** LangChain4j's token usage as OpenAI's usage object. */
public final class UsageMapper {

    private UsageMapper() {
    }

    /** The usage, or null when the provider reported none. */
    public static Usage toOpenAi(TokenUsage usage) {
        if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
            return null;
        }
        int in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        int out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        int total = usage.totalTokenCount() == null ? in + out : usage.totalTokenCount();
        return new Usage(in, out, total, cached(usage));
    }

    /**
     * Cached prompt tokens where the family reports them in the OpenAI way (a part of the prompt tokens): OpenAI and
     * OpenAI-compatible endpoints. Other families count cache reads apart from their input tokens; they are not
     * mapped yet, so their cached tokens read as none and are billed at the input price.
     */
    private static Usage.PromptTokensDetails cached(TokenUsage usage) {
        if (usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null
                && openAi.inputTokensDetails().cachedTokens() != null) {
            return new Usage.PromptTokensDetails(openAi.inputTokensDetails().cachedTokens());
        }
        return null;
    }
}
