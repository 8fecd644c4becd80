package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** A complete (non-streaming) HTTP answer: status, content type, extra headers and body bytes. */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

    static Reply json(int status, JsonNode body) {
        return new Reply(status, "application/json", Map.of(), Json.bytes(body));
    }

    Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, Map.copyOf(h), body);
    }
}
