package dev.detour.local.folder;

import java.nio.file.Path;

/**
 * The decoder graph as the model folder describes it: its file, input and output names, and the shape of its KV
 * cache. Name patterns hold one {@code %d} for the layer index ({@code past_key_values.%d.key}).
 *
 * @param attentionMask null when the graph takes no attention mask
 * @param positionIds   null when the graph takes no position ids
 * @param describedBy   the config file these values came from, named in errors
 */
public record DecoderSpec(Path modelFile, String inputIds, String attentionMask, String positionIds,
                          String pastKeyPattern, String pastValuePattern, String logits,
                          String presentKeyPattern, String presentValuePattern,
                          int layers, int kvHeads, int headSize, int contextLength, int vocabSize, Path describedBy) {

    public String pastKey(int layer) {
        return String.format(pastKeyPattern, layer);
    }

    public String pastValue(int layer) {
        return String.format(pastValuePattern, layer);
    }

    public String presentKey(int layer) {
        return String.format(presentKeyPattern, layer);
    }

    public String presentValue(int layer) {
        return String.format(presentValuePattern, layer);
    }
}
