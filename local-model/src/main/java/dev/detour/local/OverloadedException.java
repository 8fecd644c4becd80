package dev.detour.local;

/** The model is busy: the wait queue is full, or a request waited longer than allowed for its turn. */
public final class OverloadedException extends LocalModelException {

    public OverloadedException(String message) {
        super(message);
    }
}
