package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A call of a tool by the model. In a complete message {@code index} is null; in a stream delta it says which
 * call a fragment belongs to, and {@code id}/{@code name} come only with the first fragment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(Integer index, String id, String type, FunctionCall function) {

    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(null, id, "function", new FunctionCall(name, arguments));
    }

    /** The function name and its arguments as a JSON string (as the model wrote them). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(String name, String arguments) {
    }
}
