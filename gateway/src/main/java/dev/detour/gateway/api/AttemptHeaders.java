package dev.detour.gateway.api;

import dev.detour.gateway.routing.Attempt;
import io.javalin.http.Context;

import java.util.List;
import java.util.stream.Collectors;

/** Says on the response who was tried and who answered, success or not. */
final class AttemptHeaders {

    private AttemptHeaders() {
    }

    /** Marks a last-resort answer from a local model. */
    static void degraded(Context ctx, boolean degraded) {
        if (degraded) {
            ctx.header(DetourHeaders.DEGRADED, "true");
        }
    }

    static void write(Context ctx, String route, List<Attempt> attempts) {
        ctx.header(DetourHeaders.ROUTE, route);
        ctx.header(DetourHeaders.ATTEMPTS, Integer.toString(attempts.size()));
        if (!attempts.isEmpty()) {
            ctx.header(DetourHeaders.ATTEMPT_LOG, attempts.stream().map(Attempt::summary).collect(Collectors.joining(", ")));
            Attempt last = attempts.getLast();
            if (last.succeeded()) {
                ctx.header(DetourHeaders.PROVIDER, last.deployment().toString());
            }
        }
    }
}
