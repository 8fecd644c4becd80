package dev.detour.gateway.api;

import dev.detour.gateway.wire.ErrorResponse;

/** A failure the client is told about in the OpenAI error shape, with its HTTP status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    public ApiException(int status, String type, String code, String param, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static ApiException badRequest(String code, String param, String message) {
        return new ApiException(400, "invalid_request_error", code, param, message);
    }

    public int status() {
        return status;
    }

    public ErrorResponse body() {
        return ErrorResponse.of(getMessage(), type, param, code);
    }
}
