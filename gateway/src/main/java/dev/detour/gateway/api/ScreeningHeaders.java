package dev.detour.gateway.api;

import dev.detour.gateway.screening.ScreenedRequest;
import io.javalin.http.Context;

/** Says on the response what screening changed: messages trimmed to fit a window, the language detected. */
final class ScreeningHeaders {

    private ScreeningHeaders() {
    }

    static void write(Context ctx, ScreenedRequest screened) {
        if (screened.trimmedMessages() > 0) {
            ctx.header(DetourHeaders.TRIMMED_MESSAGES, Integer.toString(screened.trimmedMessages()));
        }
        if (screened.language() != null) {
            ctx.header(DetourHeaders.LANGUAGE, screened.language());
        }
    }
}
