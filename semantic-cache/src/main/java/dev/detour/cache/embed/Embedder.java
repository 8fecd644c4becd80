package dev.detour.cache.embed;

/** Turns a sentence into a normalised vector; the same model must embed what is stored and what is looked up. */
public interface Embedder {

    float[] embed(String text);

    int dimension();

    /** The model's name, stored with the index so that a change of model is noticed. */
    String modelName();
}
