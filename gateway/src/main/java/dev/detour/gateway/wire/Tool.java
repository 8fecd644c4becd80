package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A tool the model may call; OpenAI chat completions only define {@code type: function}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(String type, Function function) {

    public static Tool function(String name, String description, JsonNode parameters) {
        return new Tool("function", new Function(name, description, parameters, null));
    }

    /** The function a tool exposes: its name, what it does, and a JSON Schema of its parameters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(String name, String description, JsonNode parameters, Boolean strict) {
    }
}
