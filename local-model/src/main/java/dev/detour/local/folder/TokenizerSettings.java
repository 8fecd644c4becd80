package dev.detour.local.folder;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to turn a conversation into tokens: tokenizer.json, the chat template (null when the folder has none) and
 * the special token strings the template refers to.
 *
 * @param addedTokens every added token of tokenizer.json, text to id (special tokens among them)
 */
public record TokenizerSettings(Path tokenizerJson, String chatTemplate, Path chatTemplateSource,
                                String bosToken, String eosToken, Map<String, Long> addedTokens) {

    public TokenizerSettings {
        addedTokens = Map.copyOf(addedTokens);
    }
}
