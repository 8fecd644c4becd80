package dev.detour.gateway.providers.failure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lenient reading of error bodies in the shapes providers use: {@code {"error":{...}}} (OpenAI, Anthropic, Gemini),
 * {@code {"error":"text"}} (Ollama), or top-level {@code message}/{@code detail} (Mistral, vLLM and friends).
 */
public final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    /** The parsed body, or null when it is not JSON. */
    public static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Whether this JSON text is an error envelope: an object whose top-level {@code error} is an object or text
     * ({@code {"error":{...}}}, {@code {"error":"..."}}) or whose top-level {@code object} is {@code "error"}.
     */
    public static boolean isErrorEnvelope(String json) {
        JsonNode root = tree(json);
        if (root == null || !root.isObject()) {
            return false;
        }
        JsonNode error = root.get("error");
        if (error != null && (error.isObject() || error.isTextual())) {
            return true;
        }
        JsonNode object = root.get("object");
        return object != null && "error".equals(object.asText(null));
    }

    public static ProviderError parse(String body) {
        JsonNode root = tree(body);
        if (root == null || !root.isObject()) {
            return body == null || body.isBlank() ? ProviderError.NONE
                    : new ProviderError(abbreviate(body.strip()), null, null, null, null);
        }
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
            return new ProviderError(error.textValue(), null, null, null, null);
        }
        JsonNode source = error != null && error.isObject() ? error : root;
        String message = text(source, "message");
        if (message == null) {
            message = text(source, "detail");
        }
        return new ProviderError(message, text(source, "code"), text(source, "type"), text(source, "status"),
                text(source, "param"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
