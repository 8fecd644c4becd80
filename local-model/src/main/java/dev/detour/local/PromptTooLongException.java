package dev.detour.local;

/** The rendered prompt does not leave room for one generated token in the model's context window. */
public final class PromptTooLongException extends LocalModelException {

    public PromptTooLongException(String message) {
        super(message);
    }
}
