package dev.detour.local.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns generated tokens into text one token at a time. A token can be half a character (byte-fallback tokens of a
 * multi-byte UTF-8 sequence) and a tokenizer may treat a sequence's first token differently (Llama strips its
 * leading space), so each step decodes a short window of recent tokens and emits what the window's text gained,
 * holding back while it ends in an incomplete character (U+FFFD). The idea of Hugging Face's
 * text-generation-inference, with one decode per token: the window's start stays put for a few tokens, so the
 * previous step's text is the prefix to cut, and moves up only after a complete emit. The concatenated pieces
 * equal decoding all tokens at once.
 */
public final class IncrementalDetokenizer {

    private static final char REPLACEMENT = '\uFFFD';
    /** Tokens in the window before it moves up; each move costs one more decode. */
    private static final int WINDOW = 8;

    private final ModelTokenizer tokenizer;
    private final List<Long> ids = new ArrayList<>();
    private int windowStart;
    /** Characters of the window's text already emitted. */
    private int emitted;
    /** Tokens up to the previous emit: a character boundary, where a window may start. */
    private int previousEmitEnd;
    private int lastEmitEnd;

    public IncrementalDetokenizer(ModelTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds a token; returns the text it completes (maybe empty, maybe several characters). */
    public String push(long tokenId) {
        ids.add(tokenId);
        String now = tokenizer.decode(ids, windowStart, ids.size());
        if (now.length() <= emitted || now.charAt(now.length() - 1) == REPLACEMENT) {
            return "";
        }
        String piece = now.substring(emitted);
        emitted = now.length();
        previousEmitEnd = lastEmitEnd;
        lastEmitEnd = ids.size();
        if (ids.size() - windowStart >= WINDOW && previousEmitEnd > windowStart) {
            // The new window starts where the previous emit ended: a character boundary (never inside a byte
            // sequence), with this emit's tokens as context (how a token decodes can depend on the one before it).
            windowStart = previousEmitEnd;
            emitted = tokenizer.decode(ids, windowStart, ids.size()).length();
        }
        return piece;
    }

    /** The text still held back at the end of a generation (an incomplete character shows as U+FFFD). */
    public String flush() {
        String now = tokenizer.decode(ids, windowStart, ids.size());
        String rest = now.length() > emitted ? now.substring(emitted) : "";
        windowStart = ids.size();
        emitted = 0;
        return rest;
    }
}
