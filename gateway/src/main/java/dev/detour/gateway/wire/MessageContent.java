package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A message's content: OpenAI allows either a plain string or an array of typed parts (text, image_url, ...).
 * Exactly one of {@code plain} and {@code parts} is set; it is written back in the form it came in.
 */
public record MessageContent(String plain, List<ContentPart> parts) {

    public static MessageContent ofText(String text) {
        return new MessageContent(text, null);
    }

    public static MessageContent ofParts(List<ContentPart> parts) {
        return new MessageContent(null, List.copyOf(parts));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MessageContent fromJson(JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return ofText(node.textValue());
        }
        if (node.isArray()) {
            List<ContentPart> parts = new ArrayList<>();
            for (JsonNode part : node) {
                parts.add(ContentPart.fromJson(part));
            }
            return ofParts(parts);
        }
        throw new InvalidFormatException(null, "content must be a string or an array of content parts",
                node, MessageContent.class);
    }

    @JsonValue
    Object toJson() {
        return plain != null ? plain : parts;
    }

    public boolean isPlain() {
        return plain != null;
    }

    /** The text of this content: the string, or the text parts joined; null when there is no text at all. */
    public String text() {
        if (plain != null) {
            return plain;
        }
        String joined = parts.stream().filter(p -> p.text() != null).map(ContentPart::text)
                .collect(Collectors.joining());
        return parts.stream().anyMatch(p -> p.text() != null) ? joined : null;
    }
}
