package dev.detour.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON in and out of the API. Strict on input (no "0.7" for a number, no 1.5 for an integer, no unknown nested
 * keys) so that a client's mistake is named in a 400 instead of being guessed at.
 */
public final class JsonCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads a request body as {@code type}, turning every JSON problem into a 400 that names the field. */
    public <T> T read(byte[] body, Class<T> type) {
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("invalid_json", null, "the request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unsupported_parameter", path(e),
                    "unsupported parameter '" + path(e) + "'");
        } catch (MismatchedInputException e) {
            String field = path(e);
            String what = e.getOriginalMessage() == null ? "wrong type" : firstLine(e.getOriginalMessage());
            throw ApiException.badRequest("invalid_type", field.isEmpty() ? null : field,
                    field.isEmpty() ? "invalid request body: " + what
                            : "invalid value for '" + field + "': " + what);
        } catch (JsonMappingException e) {
            String field = path(e);
            throw ApiException.badRequest("invalid_value", field.isEmpty() ? null : field,
                    "invalid request body" + (field.isEmpty() ? "" : " at '" + field + "'") + ": "
                            + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", null,
                    "the request body is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** The JSON path of the field a mapping error is about, e.g. {@code messages[0].content}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // Jackson quotes Java class names; clients know JSON types, not ours.
        return line.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_]+)`", "$1").replace("java.lang.", "");
    }
}
