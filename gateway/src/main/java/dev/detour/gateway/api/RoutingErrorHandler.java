package dev.detour.gateway.api;

import dev.detour.gateway.routing.RoutingException;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Every failure leaves the gateway in the OpenAI error shape, with the right status; nothing kills the process. */
public final class RoutingErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(RoutingErrorHandler.class);

    private final JsonCodec json;

    public RoutingErrorHandler(JsonCodec json) {
        this.json = json;
    }

    public void api(ApiException e, Context ctx) {
        write(ctx, e);
    }

    public void routing(RoutingException e, Context ctx) {
        log.info("route '{}' gave no answer: {}", e.route(), e.getMessage());
        Duration retryAfter = e.retryAfter();
        if (retryAfter != null) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
        write(ctx, RoutingErrors.toApi(e));
    }

    /** Nobody to answer: the client left while its answer was being written. */
    public void clientGone(ClientGone e, Context ctx) {
        log.info("{} {}: {} ({})", ctx.method(), ctx.path(), e.getMessage(), e.getCause().toString());
    }

    public void unexpected(Exception e, Context ctx) {
        log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        write(ctx, new ApiException(500, "server_error", "internal_error", null,
                "the gateway failed unexpectedly; the request id in x-request-id identifies it in the gateway's log"));
    }

    public void write(Context ctx, ApiException e) {
        ctx.status(e.status()).contentType("application/json").result(json.write(e.body()));
    }
}
