package dev.detour.gateway.records;

/** A read or write of the records database failed; the message says which and why. */
public final class RecordsException extends RuntimeException {

    public RecordsException(String message, Throwable cause) {
        super(message, cause);
    }
}
