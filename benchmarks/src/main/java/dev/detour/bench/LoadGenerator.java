package dev.detour.bench;

import java.net.URI;
import java.time.Duration;

/** Closed-loop HTTP load: a fixed number of keep-alive connections, each sending the next request when the last ends. */
public interface LoadGenerator extends AutoCloseable {

    /** A short name for reports, e.g. "wrk 4.1.0" or "java (raw sockets)". */
    String name();

    /**
     * POSTs {@code body} as JSON to {@code url} over {@code connections} connections for {@code duration}. A
     * response only counts as complete once its last byte arrived (for a stream, the chunk holding {@code [DONE]}).
     */
    LoadResult run(URI url, byte[] body, Mode mode, int connections, Duration duration) throws Exception;

    /** Stops a run in progress (a child process it started, say); the harness calls it on failure and Ctrl-C. */
    @Override
    default void close() {
    }
}
