package dev.detour.gateway.api;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The client closed its connection before its answer was written (a timeout on its side, a cancelled call). Nothing is
 * wrong with the gateway, and there is no one left to send an error to: it is logged as such, not as a failure.
 */
public final class ClientGone extends UncheckedIOException {

    public ClientGone(String message, IOException cause) {
        super(message, cause);
    }
}
