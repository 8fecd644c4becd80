package dev.detour.gateway.providers.http;

/** A streamed event that LangChain4j could not read: the upstream broke its own protocol. */
public final class UpstreamBadEventException extends RuntimeException {

    public UpstreamBadEventException(Throwable cause) {
        super("the provider sent a malformed stream event", cause);
    }
}
