package dev.detour.local;

import java.util.List;

/**
 * What to generate: the conversation and the sampling settings. Null settings take the model folder's
 * generation_config.json defaults; without those, decoding is greedy and max_tokens is the context left.
 *
 * @param temperature 0 means greedy
 * @param topK        0 or null means no top-k cut
 * @param seed        makes sampled output repeatable; null draws a fresh seed
 * @param stop        strings that end the answer (not included in it)
 */
public record GenerationRequest(List<ChatTurn> messages, Integer maxTokens, Double temperature, Double topP,
                               Integer topK, Long seed, List<String> stop) {

    public GenerationRequest {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** Greedy decoding of {@code messages}, at most {@code maxTokens} tokens. */
    public static GenerationRequest greedy(List<ChatTurn> messages, int maxTokens) {
        return new GenerationRequest(messages, maxTokens, 0.0, null, null, null, List.of());
    }
}
