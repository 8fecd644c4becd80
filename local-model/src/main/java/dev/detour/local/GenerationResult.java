package dev.detour.local;

import java.util.List;

/** A finished generation: the text (stop string excluded), why it ended, its usage and the generated token ids. */
public record GenerationResult(String text, FinishReason finishReason, TokenUsage usage, List<Long> tokenIds) {

    public GenerationResult {
        tokenIds = List.copyOf(tokenIds);
    }
}
