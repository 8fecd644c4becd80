package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;

/**
 * One part of a multi-part message: {@code text}, or {@code image_url} (a URL or a data: URL).
 * Other part types (input_audio, file) are kept by type so that an adapter can refuse them by name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentPart(String type, String text, @JsonProperty("image_url") ImageUrl imageUrl) {

    public static ContentPart text(String text) {
        return new ContentPart("text", text, null);
    }

    public static ContentPart image(String url, String detail) {
        return new ContentPart("image_url", null, new ImageUrl(url, detail));
    }

    static ContentPart fromJson(JsonNode node) throws IOException {
        if (!node.isObject() || !node.path("type").isTextual()) {
            throw new InvalidFormatException(null, "each content part must be an object with a string 'type'",
                    node, ContentPart.class);
        }
        String type = node.get("type").textValue();
        return switch (type) {
            case "text" -> {
                JsonNode text = node.get("text");
                if (text == null || !text.isTextual()) {
                    throw new InvalidFormatException(null, "a text part needs a string 'text'", node, ContentPart.class);
                }
                yield text(text.textValue());
            }
            case "image_url" -> {
                JsonNode image = node.get("image_url");
                JsonNode url = image == null ? null : (image.isTextual() ? image : image.get("url"));
                if (url == null || !url.isTextual()) {
                    throw new InvalidFormatException(null, "an image_url part needs 'image_url.url'", node, ContentPart.class);
                }
                JsonNode detail = image.isObject() ? image.get("detail") : null;
                yield image(url.textValue(), detail == null || detail.isNull() ? null : detail.asText());
            }
            default -> new ContentPart(type, null, null);
        };
    }

    /** The {@code image_url} object of an image part. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageUrl(String url, String detail) {
    }
}
