package dev.detour.local;

/** A generation ran past its time limit and was stopped. */
public final class GenerationTimeoutException extends LocalModelException {

    public GenerationTimeoutException(String message) {
        super(message);
    }
}
