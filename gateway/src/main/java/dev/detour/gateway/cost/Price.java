package dev.detour.gateway.cost;

/** What a model's tokens cost, in USD per million tokens: prompt, answer, and prompt tokens read from a provider's cache. */
public record Price(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion) {

    public static final Price FREE = new Price(0, 0, 0);

    /** USD for a call's tokens; {@code cachedPromptTokens} are part of {@code promptTokens}, billed at the cached price. */
    public double cost(long promptTokens, long cachedPromptTokens, long completionTokens) {
        long cached = Math.min(Math.max(cachedPromptTokens, 0), promptTokens);
        return ((promptTokens - cached) * inputPerMillion + cached * cachedInputPerMillion
                + completionTokens * outputPerMillion) / 1_000_000.0;
    }
}
