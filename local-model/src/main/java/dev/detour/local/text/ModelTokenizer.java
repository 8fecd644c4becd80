package dev.detour.local.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.detour.local.InvalidModelFolderException;
import dev.detour.local.folder.TokenizerSettings;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The model's own Hugging Face tokenizer (tokenizer.json through DJL's binding of the Rust library). */
public final class ModelTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    public ModelTokenizer(TokenizerSettings settings) {
        try {
            // No truncation or padding: the decode loop checks the context window itself and says so.
            this.tokenizer = HuggingFaceTokenizer.newInstance(settings.tokenizerJson(),
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelFolderException(settings.tokenizerJson(), "the tokenizer cannot load it (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Token ids of a rendered prompt. Special tokens are not added: a chat template writes the ones its model wants
     * (as Hugging Face's apply_chat_template does), so adding BOS here would double it.
     */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** Text of generated ids, special tokens left out. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    public String decode(List<Long> ids, int from, int to) {
        long[] slice = new long[to - from];
        for (int i = from; i < to; i++) {
            slice[i - from] = ids.get(i);
        }
        return decode(slice);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
