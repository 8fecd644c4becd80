package dev.detour.cache.lookup;

/** Why a semantic step gave up so that the request could go on without the cache: slow, overloaded or broken. */
public final class FailOpen extends Exception {

    public FailOpen(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
