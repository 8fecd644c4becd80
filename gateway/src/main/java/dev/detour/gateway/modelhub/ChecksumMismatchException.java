package dev.detour.gateway.modelhub;

import java.io.IOException;

/** A downloaded file's content does not hash to what the hub said: it was deleted, never used. */
public final class ChecksumMismatchException extends IOException {

    public ChecksumMismatchException(String message) {
        super(message);
    }
}
