package dev.detour.gateway.idempotency;

import java.util.Map;

/** A response as it was sent, kept to be sent again: status, content type, Detour's headers and the whole body. */
public record RecordedResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public RecordedResponse {
        headers = Map.copyOf(headers);
    }
}
