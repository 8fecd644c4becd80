package dev.detour.gateway.routing;

/** Where the executor reports failovers; implementations must not block (they queue and write later). */
@FunctionalInterface
public interface FailoverEventSink {

    FailoverEventSink NONE = event -> {
    };

    void record(FailoverEvent event);
}
