package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code tool_choice}: a mode ({@code none}, {@code auto}, {@code required}) or one named function
 * ({@code {"type":"function","function":{"name":...}}}, then {@code mode} is {@code "function"}).
 */
public record ToolChoice(String mode, String functionName) {

    private static final Set<String> MODES = Set.of("none", "auto", "required");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ToolChoice fromJson(JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() && MODES.contains(node.textValue())) {
            return new ToolChoice(node.textValue(), null);
        }
        JsonNode name = node.path("function").path("name");
        if (node.isObject() && "function".equals(node.path("type").asText()) && name.isTextual()) {
            return new ToolChoice("function", name.textValue());
        }
        throw new InvalidFormatException(null,
                "tool_choice must be 'none', 'auto', 'required' or {\"type\":\"function\",\"function\":{\"name\":...}}",
                node, ToolChoice.class);
    }

    @JsonValue
    Object toJson() {
        return functionName == null ? mode : Map.of("type", "function", "function", Map.of("name", functionName));
    }
}
