package dev.detour.local;

/** The caller abandoned the generation (a stream's client went away, or the thread was interrupted). */
public final class GenerationCancelledException extends LocalModelException {

    public GenerationCancelledException(String message) {
        super(message);
    }
}
