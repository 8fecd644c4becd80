package dev.detour.local;

/** Token counts of one generation, as OpenAI reports usage. */
public record TokenUsage(int promptTokens, int completionTokens) {

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
