package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.wire.Usage;
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
        return new Usage(in, out, total);
    }
}
