package dev.detour.gateway.api;

import dev.detour.gateway.idempotency.RecordedResponse;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Records a response for idempotent replay, and replays one: same status, body and Detour headers, marked as a replay. */
final class ResponseRecords {

    private ResponseRecords() {
    }

    /** The response being sent on {@code ctx}, with {@code body}; Detour's own headers are kept, the request id is not. */
    static RecordedResponse capture(Context ctx, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : ctx.res().getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-detour-")) {
                headers.put(lower, ctx.res().getHeader(name));
            }
        }
        return new RecordedResponse(200, contentType, headers, body);
    }

    static void replay(Context ctx, RecordedResponse response) {
        response.headers().forEach(ctx::header);
        ctx.header(DetourHeaders.IDEMPOTENT_REPLAY, "true");
        ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    }
}
