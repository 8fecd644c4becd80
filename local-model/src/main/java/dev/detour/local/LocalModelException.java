package dev.detour.local;

/** Any failure of the local model; subclasses say which kind, so a caller can map each to its own answer. */
public class LocalModelException extends RuntimeException {

    public LocalModelException(String message) {
        super(message);
    }

    public LocalModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
