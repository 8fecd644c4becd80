package dev.detour.gateway.providers.http;

/** The calling thread was interrupted (the gateway's timeout): the upstream exchange was cancelled. */
public final class UpstreamAbandonedException extends RuntimeException {

    public UpstreamAbandonedException(InterruptedException cause) {
        super("the call was abandoned", cause);
    }
}
