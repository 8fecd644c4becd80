package dev.detour.sim;

import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Runs one request through the fault book: records the attempt, injects the fault, then answers or streams. */
final class Exchange {

    /** How often a held (hung or stalled) request checks whether its client is still there. */
    private static final java.time.Duration HOLD_POLL = java.time.Duration.ofMillis(100);

    private final SimState state;

    Exchange(SimState state) {
        this.state = state;
    }

    /** A chat request in any protocol. */
    void chat(Context ctx, Protocol p, ChatCall call) {
        Fault f = state.faults.take(call.model());
        state.attempts.record(call.model(), p.name(), call.stream(), f == null ? null : f.name());
        Answer answer = null;
        if (f != null && f.type() == FaultType.CONTENT_POLICY) {
            Reply refusal = p.contentPolicyError(call);
            if (refusal != null) {
                send(ctx, refusal);
                return;
            }
            answer = Answer.refusal(call);
        } else if (f != null && handledBeforeAnswer(ctx, p, call.model(), call.promptTokens(), call.stream(), f)) {
            return;
        }
        Integer window = state.contextWindow(call.model());
        if (window != null && call.promptTokens() > window) {
            send(ctx, p.contextLengthExceeded(call.model(), call.promptTokens(), window));
            return;
        }
        if (answer == null) {
            answer = Answerer.answer(call);
        }
        if (call.stream()) {
            stream(ctx, p, call, answer, f);
        } else if (f != null && isChunkFault(f.type())) {
            truncated(ctx, p, call, p.response(call, answer), f);
        } else {
            send(ctx, p.response(call, answer));
        }
    }

    private static boolean isChunkFault(FaultType type) {
        return type == FaultType.CUT_AFTER_CHUNKS || type == FaultType.STALL_AFTER_CHUNKS
                || type == FaultType.MALFORMED_CHUNK_AFTER || type == FaultType.ERROR_AFTER_CHUNKS;
    }

    /**
     * Stream faults on a non-streaming request hit the body instead: cut and stall send half of it (under the
     * full Content-Length) then drop or hold the connection, malformed sends half as a complete 200 body (not valid
     * JSON), errorAfterChunks sends the protocol's error for its status.
     */
    private void truncated(Context ctx, Protocol p, ChatCall call, Reply full, Fault f) {
        if (f.type() == FaultType.ERROR_AFTER_CHUNKS) {
            send(ctx, p.error(f.status(), null, null, call.model()));
            return;
        }
        byte[] half = java.util.Arrays.copyOf(full.body(), full.body().length / 2);
        if (f.type() == FaultType.MALFORMED_CHUNK_AFTER) {
            send(ctx, new Reply(full.status(), full.contentType(), full.headers(), half));
            return;
        }
        HttpServletResponse res = ctx.res();
        res.setStatus(full.status());
        res.setContentType(full.contentType());
        res.setContentLength(full.body().length);
        try {
            ServletOutputStream out = res.getOutputStream();
            out.write(half);
            out.flush();
        } catch (IOException e) {
            // The client is gone already.
        }
        if (f.type() == FaultType.STALL_AFTER_CHUNKS) {
            hold(ctx);
        } else {
            Connections.abort(ctx);
        }
    }

    /** Keeps the connection silent until the client gives up, the sim closes or {@link Fault#HOLD_LIMIT}; then drops it. */
    private void hold(Context ctx) {
        state.held.incrementAndGet();
        try {
            long deadline = System.nanoTime() + Fault.HOLD_LIMIT.toNanos();
            while (System.nanoTime() < deadline && state.pause(HOLD_POLL) && !Connections.clientGone(ctx)) {
                // Polling is cheap: one parked virtual thread and a one-byte read per held request every HOLD_POLL.
            }
        } finally {
            state.held.decrementAndGet();
        }
        Connections.abort(ctx);
    }

    /** A non-chat request (embeddings): only faults that act before the response apply. */
    void simple(Context ctx, Protocol p, String model, int promptTokens, Supplier<Reply> answer) {
        Fault f = state.faults.take(model);
        state.attempts.record(model, p.name(), false, f == null ? null : f.name());
        if (f != null && f.type() == FaultType.CONTENT_POLICY) {
            send(ctx, p.error(400, null, null, model));
            return;
        }
        if (f != null && handledBeforeAnswer(ctx, p, model, promptTokens, false, f)) {
            return;
        }
        Integer window = state.contextWindow(model);
        if (window != null && promptTokens > window) {
            send(ctx, p.contextLengthExceeded(model, promptTokens, window));
            return;
        }
        send(ctx, answer.get());
    }

    /** Applies faults that strike before any answer is computed; true when the request is finished. */
    private boolean handledBeforeAnswer(Context ctx, Protocol p, String model, int promptTokens, boolean stream,
                                        Fault f) {
        switch (f.type()) {
            case LATENCY -> {
                return holdOrAbort(ctx, f);
            }
            case FIRST_TOKEN_DELAY -> {
                return !stream && holdOrAbort(ctx, f);
            }
            case STATUS -> {
                send(ctx, p.error(f.status(), null, f.retryAfterDuration(), model));
                return true;
            }
            case RESET_BEFORE_HEADERS -> {
                Connections.abort(ctx);
                return true;
            }
            case HANG -> {
                hold(ctx);
                return true;
            }
            case CONTEXT_LENGTH_EXCEEDED -> {
                Integer configured = state.contextWindow(model);
                int window = configured != null ? configured : SimState.DEFAULT_CONTEXT_WINDOW;
                send(ctx, p.contextLengthExceeded(model, Math.max(promptTokens, window + 1), window));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Waits out a delay fault; if the sim closes meanwhile the connection is dropped (true = finished). */
    private boolean holdOrAbort(Context ctx, Fault f) {
        if (state.pause(f.delay())) {
            return false;
        }
        Connections.abort(ctx);
        return true;
    }

    private void stream(Context ctx, Protocol p, ChatCall call, Answer answer, Fault f) {
        FaultType type = f == null ? null : f.type();
        StreamPlan plan = p.stream(call, answer, type != FaultType.NO_DONE);
        boolean chunkFault = type != null && isChunkFault(type);
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType(p.streamContentType());
        res.setHeader("Cache-Control", "no-cache");
        try {
            ServletOutputStream out = res.getOutputStream();
            for (String frame : plan.prelude()) {
                write(out, frame);
            }
            out.flush();
            if (type == FaultType.FIRST_TOKEN_DELAY && !state.pause(f.delay())) {
                Connections.abort(ctx);
                return;
            }
            List<String> content = plan.content();
            int strikeAt = chunkFault ? Math.min(f.chunks(), content.size()) : -1;
            for (int i = 0; i <= content.size(); i++) {
                if (i == strikeAt) {
                    strike(ctx, out, p, call, f);
                    return;
                }
                if (i == content.size()) {
                    break;
                }
                if (i > 0 && type == FaultType.CHUNK_DELAY && !state.pause(f.delay())) {
                    Connections.abort(ctx);
                    return;
                }
                write(out, content.get(i));
                out.flush();
            }
            for (String frame : plan.closing()) {
                write(out, frame);
            }
            out.flush();
        } catch (IOException e) {
            // The client went away mid-stream; there is nobody left to answer.
        }
    }

    private void strike(Context ctx, ServletOutputStream out, Protocol p, ChatCall call, Fault f) throws IOException {
        switch (f.type()) {
            case CUT_AFTER_CHUNKS -> Connections.abort(ctx);
            case STALL_AFTER_CHUNKS -> hold(ctx);
            case MALFORMED_CHUNK_AFTER -> {
                write(out, p.malformedFrame(call));
                out.flush();
            }
            case ERROR_AFTER_CHUNKS -> {
                write(out, p.streamError(f.status(), call.model()));
                out.flush();
            }
            default -> throw new IllegalStateException("not a chunk fault: " + f);
        }
    }

    private static void write(ServletOutputStream out, String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Context ctx, Reply r) {
        ctx.status(r.status());
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            ctx.header(h.getKey(), h.getValue());
        }
        ctx.contentType(r.contentType());
        ctx.result(r.body());
    }
}
