package dev.detour.gateway.api;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Reads a request body with the checks every JSON endpoint shares: content type and a size limit. */
public final class RequestBody {

    private final long maxBytes;

    public RequestBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The body's bytes. Reads at most the limit plus one byte whatever Content-Length says, so a chunked or lying
     * client cannot make the gateway buffer more than the limit.
     */
    public byte[] read(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "invalid_request_error", "unsupported_media_type", null,
                    "Content-Type must be application/json, got " + (contentType == null ? "none" : "'" + contentType + "'"));
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // One array of the declared size: readNBytes(limit) would gather 16 KB chunks and copy them, garbage
                // on every request. A body longer than declared is refused.
                byte[] body = in.readNBytes((int) declared);
                if (body.length == declared && in.read() != -1) {
                    throw tooLarge();
                }
                return body;
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "invalid_request_error", "request_too_large", null,
                "the request body is larger than the limit of " + maxBytes + " bytes");
    }
}
