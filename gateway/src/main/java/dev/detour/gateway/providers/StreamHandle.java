package dev.detour.gateway.providers;

/** Lets the gateway abandon a stream it no longer wants (timeout, client gone); idempotent. */
@FunctionalInterface
public interface StreamHandle {

    void cancel();
}
