package dev.detour.gateway.api;

import io.javalin.http.Context;

import java.io.IOException;

/**
 * Sends a whole JSON answer straight to the servlet's output. {@code ctx.result(bytes)} would wrap the bytes in a
 * stream that Javalin copies out through a fresh copy buffer per response: JFR showed that buffer as the largest
 * share of an exact cache hit's garbage (~20 KB a request), and the young collections it causes as the hit's p99.
 * Compression is off in {@code DetourServer}, so nothing of Javalin's output path is skipped.
 */
public final class JsonBody {

    private JsonBody() {
    }

    public static void send(Context ctx, byte[] body) {
        ctx.contentType("application/json");
        ctx.res().setContentLength(body.length);
        try {
            ctx.res().getOutputStream().write(body);
        } catch (IOException e) {
            // The only way a write to the servlet's output fails: the connection is gone.
            throw new ClientGone("the client closed the connection before the answer was written", e);
        }
    }
}
