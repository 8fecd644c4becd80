package dev.detour.gateway.api;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import java.io.ByteArrayOutputStream;
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

    private final Context ctx;
    private final OutputStream out;
    /** A copy of every byte sent, kept only when the stream may have to be replayed (an Idempotency-Key). */
    private final ByteArrayOutputStream copy;

    private SseWriter(Context ctx, OutputStream out, ByteArrayOutputStream copy) {
        this.ctx = ctx;
        this.out = out;
        this.copy = copy;
    }

    /** Commits the response as an event stream (status 200; headers set before this call go out with it). */
    public static SseWriter open(Context ctx) throws IOException {
        return open(ctx, false);
    }

    /** As {@link #open(Context)}; with {@code keepCopy} every byte sent is also kept for {@link #sent()}. */
    public static SseWriter open(Context ctx, boolean keepCopy) throws IOException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        ByteArrayOutputStream copy = keepCopy ? new ByteArrayOutputStream() : null;
        return new SseWriter(ctx, copy == null ? out : new TeeOutputStream(out, copy), copy);
    }

    /** One {@code data:} event holding a JSON document. */
    public void data(byte[] json) throws IOException {
        out.write(DATA);
        out.write(json);
        out.write(END);
        out.flush();
    }

    /**
     * Ends a failed stream by closing our side of the connection without the closing chunk. Clients that read the
     * error event raise on it; clients that ignore error events (LangChain4j's OpenAI client does) still see a broken
     * transfer instead of a cleanly ended, truncated answer. A half-close (FIN), not an abort: a reset could make the
     * client's TCP stack discard the error event it has not read yet.
     */
    public void breakOff() throws IOException {
        out.flush();
        ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                .getEndPoint().shutdownOutput();
    }

    /** A comment line ({@code : text}), which clients ignore: keeps an idle stream's connection alive. */
    public void comment(String text) throws IOException {
        out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Every byte sent so far, or null when no copy is kept. */
    public byte[] sent() {
        return copy == null ? null : copy.toByteArray();
    }

    /** The terminator OpenAI clients wait for; only ever sent after a complete answer. */
    public void done() throws IOException {
        out.write(DONE);
        out.flush();
    }
}
