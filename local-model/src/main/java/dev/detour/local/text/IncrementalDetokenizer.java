package dev.detour.local.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns generated tokens into text one token at a time. A token can be half a character (byte-fallback tokens of a
 * multi-byte UTF-8 sequence) and a tokenizer may treat a sequence's first token differently (Llama strips its
 * leading space), so each step decodes a short window of recent tokens and emits only what that window added,
 * holding back while the text ends in an incomplete character (U+FFFD). The same scheme as Hugging Face's
 * text-generation-inference; the concatenated pieces equal decoding all tokens at once.
 */
public final class IncrementalDetokenizer {

    private static final char REPLACEMENT = '\uFFFD';

    private final ModelTokenizer tokenizer;
    private final List<Long> ids = new ArrayList<>();
    private int prefixOffset;
    private int readOffset;

    public IncrementalDetokenizer(ModelTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds a token; returns the text it completes (maybe empty, maybe several characters). */
    public String push(long tokenId) {
        ids.add(tokenId);
        String before = tokenizer.decode(ids, prefixOffset, readOffset);
        String now = tokenizer.decode(ids, prefixOffset, ids.size());
        if (now.length() > before.length() && now.charAt(now.length() - 1) != REPLACEMENT) {
            prefixOffset = readOffset;
            readOffset = ids.size();
            return now.substring(before.length());
        }
        return "";
    }

    /** The text still held back at the end of a generation (an incomplete character shows as U+FFFD). */
    public String flush() {
        String before = tokenizer.decode(ids, prefixOffset, readOffset);
        String now = tokenizer.decode(ids, prefixOffset, ids.size());
        prefixOffset = readOffset = ids.size();
        return now.length() > before.length() ? now.substring(before.length()) : "";
    }
}
