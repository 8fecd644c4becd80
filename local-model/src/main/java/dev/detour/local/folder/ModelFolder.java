package dev.detour.local.folder;

import java.nio.file.Path;
import java.util.Set;

/**
 * Everything read from a model folder's files before ONNX Runtime sees it. Built by {@link ModelFolderReader}.
 *
 * @param eosTokenIds every id that ends a generation, from all the files that name one (they may disagree)
 */
public record ModelFolder(Path dir, String name, ModelLayout layout, DecoderSpec decoder, TokenizerSettings tokenizer,
                          Set<Long> eosTokenIds, GenerationDefaults defaults) {

    public ModelFolder {
        eosTokenIds = Set.copyOf(eosTokenIds);
    }
}
