package dev.detour.local;

/** Why a generation ended, in OpenAI's words. */
public enum FinishReason {
    /** An end-of-sequence token or a stop string. */
    STOP("stop"),
    /** max_tokens, or the end of the context window. */
    LENGTH("length");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    /** The OpenAI {@code finish_reason} value. */
    public String wireName() {
        return wireName;
    }
}
