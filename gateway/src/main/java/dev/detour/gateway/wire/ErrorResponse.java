package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The OpenAI error shape: {@code {"error":{"message","type","param","code"}}}; param and code may be null. */
public record ErrorResponse(Body error) {

    public static ErrorResponse of(String message, String type, String param, String code) {
        return new ErrorResponse(new Body(message, type, param, code));
    }

    /** The error itself; every key is always written, as the schema requires. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String message, String type, String param, String code) {
    }
}
