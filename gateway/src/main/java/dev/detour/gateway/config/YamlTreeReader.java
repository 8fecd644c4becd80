package dev.detour.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into a {@link YamlNode} tree that keeps the line and column of every key and value.
 * Jackson's data binding would lose those, and every config error must say where it is.
 */
final class YamlTreeReader {

    // `key:` with nothing after it must read as null (absent), not as ""; the builder does not enable this by default.
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private final Problems problems;

    YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** Parses one YAML document; an empty document is an empty mapping. Syntax errors end the load at once. */
    YamlNode read(String text) {
        try (YAMLParser parser = (YAMLParser) YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlMapping(List.of(), SourcePosition.START);
            }
            YamlNode root = readValue(parser, "");
            if (root == null) {
                root = new YamlMapping(List.of(), SourcePosition.START);
            }
            if (parser.nextToken() != null) {
                problems.add(position(parser), "", "only one YAML document is allowed (found a second '---')");
            }
            return root;
        } catch (JsonProcessingException e) {
            SourcePosition at = syntaxErrorPosition(e);
            problems.add(at, "", "YAML syntax error: " + syntaxErrorMessage(e) + interpolationHint(text, at));
            problems.throwIfAny();
            throw new IllegalStateException("unreachable", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node at the current token, or {@code null} for an alias (reported, and left out of its parent). */
    private YamlNode readValue(YAMLParser parser, String path) throws IOException {
        SourcePosition at = position(parser);
        if (parser.isCurrentAlias()) {
            // Jackson hands an alias back as a plain string holding the anchor's name: silently wrong, so refuse it.
            problems.add(at, path, "YAML aliases (*" + parser.getText() + ") are not supported: write the value out");
            return null;
        }
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readMapping(parser, path, at);
            case START_ARRAY -> readSequence(parser, path, at);
            case VALUE_STRING, VALUE_EMBEDDED_OBJECT -> new YamlScalar(parser.getText(), ScalarType.STRING, at);
            case VALUE_NUMBER_INT -> new YamlScalar(parser.getText(), ScalarType.INTEGER, at);
            case VALUE_NUMBER_FLOAT -> new YamlScalar(parser.getText(), ScalarType.DECIMAL, at);
            case VALUE_TRUE, VALUE_FALSE -> new YamlScalar(parser.getText(), ScalarType.BOOLEAN, at);
            case VALUE_NULL -> new YamlScalar(null, ScalarType.NULL, at);
            default -> throw new IllegalStateException("unexpected YAML token " + token + " at " + at);
        };
    }

    private YamlMapping readMapping(YAMLParser parser, String path, SourcePosition at) throws IOException {
        List<YamlEntry> entries = new ArrayList<>();
        Map<String, SourcePosition> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourcePosition keyAt = position(parser);
            parser.nextToken();
            String childPath = Field.childPath(path, key);
            YamlNode value = readValue(parser, childPath);
            SourcePosition first = seen.putIfAbsent(key, keyAt);
            if (value == null) {
                continue;
            }
            if (first != null) {
                problems.add(keyAt, childPath, "duplicate key '" + key + "' (first written at line " + first.line() + ")");
            } else {
                entries.add(new YamlEntry(key, keyAt, value));
            }
        }
        return new YamlMapping(entries, at);
    }

    private YamlSequence readSequence(YAMLParser parser, String path, SourcePosition at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            YamlNode item = readValue(parser, Field.itemPath(path, index++));
            if (item != null) {
                items.add(item);
            }
        }
        return new YamlSequence(items, at);
    }

    private static SourcePosition position(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new SourcePosition(location.getLineNr(), location.getColumnNr());
    }

    private static SourcePosition syntaxErrorPosition(JsonProcessingException e) {
        org.yaml.snakeyaml.error.MarkedYAMLException marked = markedCause(e);
        if (marked != null && marked.getProblemMark() != null) {
            return new SourcePosition(marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
        }
        JsonLocation location = e.getLocation();
        return location == null ? null : new SourcePosition(location.getLineNr(), location.getColumnNr());
    }

    /**
     * SnakeYAML's full message quotes the offending line of the file, which may hold a literal API key; only its
     * context and problem (which name token kinds, not file text) are shown.
     */
    private static String syntaxErrorMessage(JsonProcessingException e) {
        org.yaml.snakeyaml.error.MarkedYAMLException marked = markedCause(e);
        if (marked == null) {
            String original = e.getOriginalMessage();
            return original == null ? e.getClass().getSimpleName() : original.lines().findFirst().orElse(original);
        }
        String problem = marked.getProblem() == null ? "invalid YAML" : marked.getProblem();
        return marked.getContext() == null ? problem : marked.getContext() + ": " + problem;
    }

    /** In flow style ({...} or [...]) YAML reads the braces of an unquoted ${NAME} as its own: say how to fix it. */
    private static String interpolationHint(String text, SourcePosition at) {
        if (at == null) {
            return "";
        }
        String line = text.lines().skip(Math.max(0, at.line() - 1)).findFirst().orElse("");
        String previous = at.line() > 1 ? text.lines().skip(at.line() - 2).findFirst().orElse("") : "";
        return line.contains("${") || previous.contains("${")
                ? " (inside { } or [ ], quote interpolated values: \"${NAME}\")"
                : "";
    }

    private static org.yaml.snakeyaml.error.MarkedYAMLException markedCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }
}
