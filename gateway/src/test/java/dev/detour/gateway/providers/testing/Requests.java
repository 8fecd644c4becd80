package dev.detour.gateway.providers.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.wire.ChatCompletionRequest;

/** Builds wire requests from JSON, as a client would send them. */
public final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {
    }

    public static ChatCompletionRequest chat(String json) {
        try {
            return JSON.readValue(json, ChatCompletionRequest.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A one-turn request with the given extra top-level fields (JSON members, may be empty). */
    public static ChatCompletionRequest hello(String extraFields) {
        String extra = extraFields == null || extraFields.isBlank() ? "" : "," + extraFields;
        return chat("{\"model\":\"route\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]" + extra + "}");
    }

    public static final String WEATHER_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"Weather in a city\",\"parameters\":{\"type\":\"object\",\"properties\":"
            + "{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}";
}
