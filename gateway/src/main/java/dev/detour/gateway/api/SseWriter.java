package dev.detour.gateway.api;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a streamed answer as server-sent events on the POST response. Javalin's own SSE support only answers
 * GET, and OpenAI streaming is a POST, so the frames are written here, each flushed as soon as it is complete.
 */
public final class SseWriter {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    private SseWriter(OutputStream out) {
        this.out = out;
    }

    /** Commits the response as an event stream (status 200; headers set before this call go out with it). */
    public static SseWriter open(Context ctx) throws IOException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        return new SseWriter(out);
    }

    /** One {@code data:} event holding a JSON document. */
    public void data(byte[] json) throws IOException {
        out.write(DATA);
        out.write(json);
        out.write(END);
        out.flush();
    }

    /** The terminator OpenAI clients wait for; only ever sent after a complete answer. */
    public void done() throws IOException {
        out.write(DONE);
        out.flush();
    }
}
