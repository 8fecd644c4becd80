package dev.detour.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * An immutable description of how a simulated model misbehaves; install it with
 * {@link ProviderSim#fault(String, Fault)}.
 */
public final class Fault {

    /** Upper bound for hang and stall, so a forgotten fault never pins a connection forever. */
    public static final Duration HOLD_LIMIT = Duration.ofMinutes(5);

    private final FaultType type;
    private final Duration delay;
    private final int status;
    private final Duration retryAfter;
    private final int chunks;
    private final double fraction;
    private final Fault inner;
    private final int times;

    private Fault(FaultType type, Duration delay, int status, Duration retryAfter, int chunks,
                  double fraction, Fault inner, int times) {
        this.type = type;
        this.delay = delay;
        this.status = status;
        this.retryAfter = retryAfter;
        this.chunks = chunks;
        this.fraction = fraction;
        this.inner = inner;
        this.times = times;
    }

    private static Fault of(FaultType type) {
        return new Fault(type, Duration.ZERO, 0, null, 0, 1.0, null, 0);
    }

    /** Waits {@code d} before sending response headers. */
    public static Fault latency(Duration d) {
        return of(FaultType.LATENCY).withDelay(d);
    }

    /** Streaming: headers go out, then waits {@code d} before the first content chunk. Non-streaming: like latency. */
    public static Fault firstTokenDelay(Duration d) {
        return of(FaultType.FIRST_TOKEN_DELAY).withDelay(d);
    }

    /** Streaming: waits {@code d} between content chunks. */
    public static Fault chunkDelay(Duration d) {
        return of(FaultType.CHUNK_DELAY).withDelay(d);
    }

    /** Answers with this HTTP status and the protocol's error body for it. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status fault needs a 4xx or 5xx code: " + status);
        }
        return new Fault(FaultType.STATUS, Duration.ZERO, status, null, 0, 1.0, null, 0);
    }

    /** Closes the TCP connection (with a reset) before any response byte. */
    public static Fault resetBeforeHeaders() {
        return of(FaultType.RESET_BEFORE_HEADERS);
    }

    /** Accepts the request and never answers (until the client gives up, the sim closes, or {@link #HOLD_LIMIT}). */
    public static Fault hang() {
        return of(FaultType.HANG);
    }

    /** Streaming: sends {@code k} content chunks, then aborts the connection. */
    public static Fault cutAfterChunks(int k) {
        return of(FaultType.CUT_AFTER_CHUNKS).withChunks(k);
    }

    /** Streaming: sends {@code k} content chunks, then sends nothing more but keeps the connection open. */
    public static Fault stallAfterChunks(int k) {
        return of(FaultType.STALL_AFTER_CHUNKS).withChunks(k);
    }

    /** Streaming: after {@code k} content chunks sends a frame that is not valid JSON, then ends the response. */
    public static Fault malformedChunkAfter(int k) {
        return of(FaultType.MALFORMED_CHUNK_AFTER).withChunks(k);
    }

    /** Streaming: after {@code k} content chunks sends the protocol's in-stream error event for {@code status}. */
    public static Fault errorAfterChunks(int k, int status) {
        return new Fault(FaultType.ERROR_AFTER_CHUNKS, Duration.ZERO, status, null, checkChunks(k), 1.0, null, 0);
    }

    /** Streaming: a complete answer whose stream ends without the protocol's terminator. */
    public static Fault noDone() {
        return of(FaultType.NO_DONE);
    }

    /** The provider's real "prompt too long" error. */
    public static Fault contextLengthExceeded() {
        return of(FaultType.CONTEXT_LENGTH_EXCEEDED);
    }

    /** The provider's real content-policy outcome (an error, or a refusal/blocked answer where that is what it sends). */
    public static Fault contentPolicy() {
        return of(FaultType.CONTENT_POLICY);
    }

    /** Applies {@code f} to a fraction {@code p} of requests, spread evenly and deterministically. */
    public static Fault fraction(double p, Fault f) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("fraction must be in [0, 1]: " + p);
        }
        Objects.requireNonNull(f, "fault");
        if (f.type == FaultType.FRACTION) {
            throw new IllegalArgumentException("fraction of a fraction is not supported");
        }
        return new Fault(FaultType.FRACTION, Duration.ZERO, 0, null, 0, p, f, 0);
    }

    /** A copy that adds the protocol's retry hint (retry-after headers, Gemini RetryInfo). */
    public Fault retryAfter(Duration d) {
        Objects.requireNonNull(d, "retryAfter");
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative retryAfter");
        }
        return new Fault(type, delay, status, d, chunks, fraction, inner, times);
    }

    /** A copy that applies to the next {@code n} matching requests only, then clears itself. */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1: " + n);
        }
        return new Fault(type, delay, status, retryAfter, chunks, fraction, inner, n);
    }

    private Fault withDelay(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        return new Fault(type, d, status, retryAfter, chunks, fraction, inner, times);
    }

    private Fault withChunks(int k) {
        return new Fault(type, delay, status, retryAfter, checkChunks(k), fraction, inner, times);
    }

    private static int checkChunks(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("chunk count must be >= 0: " + k);
        }
        return k;
    }

    public FaultType type() {
        return type;
    }

    /** Delay for latency, firstTokenDelay and chunkDelay; zero otherwise. */
    public Duration delay() {
        return delay;
    }

    /** HTTP status for status and errorAfterChunks faults; 0 otherwise. */
    public int status() {
        return status;
    }

    /** Retry hint, or null when none is sent. */
    public Duration retryAfterDuration() {
        return retryAfter;
    }

    /** Content chunks sent before a stream fault strikes. */
    public int chunks() {
        return chunks;
    }

    /** Share of requests a fraction fault applies to (1.0 for every other type). */
    public double fraction() {
        return fraction;
    }

    /** The fault a fraction applies, or null. */
    public Fault inner() {
        return inner;
    }

    /** How many requests this fault applies to before clearing itself; 0 means until cleared. */
    public int timesLimit() {
        return times;
    }

    /** The JSON type name, as recorded in {@link Attempt#fault()}. */
    public String name() {
        return type.jsonName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault f && type == f.type && delay.equals(f.delay) && status == f.status
                && Objects.equals(retryAfter, f.retryAfter) && chunks == f.chunks
                && Double.compare(fraction, f.fraction) == 0 && Objects.equals(inner, f.inner) && times == f.times;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, delay, status, retryAfter, chunks, fraction, inner, times);
    }

    @Override
    public String toString() {
        return FaultJson.write(this).toString();
    }
}
