package dev.detour.cache.embed;

import java.util.List;

/** An embedder that can also embed several sentences in one model call, each vector as {@link #embed} gives it. */
public interface BatchEmbedder extends Embedder {

    /** The vectors of {@code texts}, in order, computed together. */
    List<float[]> embedBatch(List<String> texts);
}
