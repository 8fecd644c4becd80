package dev.detour.local.folder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.local.InvalidModelFolderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** One JSON file of a model folder, read so that every problem names the file and the field. */
final class JsonFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final JsonNode root;

    private JsonFile(Path path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    static JsonFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidModelFolderException(path, "missing");
        }
        try {
            JsonNode root = JSON.readTree(path.toFile());
            if (root == null || !root.isObject()) {
                throw new InvalidModelFolderException(path, "is not a JSON object");
            }
            return new JsonFile(path, root);
        } catch (IOException e) {
            throw new InvalidModelFolderException(path, "is not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    Path path() {
        return path;
    }

    JsonNode root() {
        return root;
    }

    /** The node at a dotted path, or a missing node. */
    JsonNode at(String dotted) {
        JsonNode node = root;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    int requiredInt(String dotted) {
        JsonNode node = at(dotted);
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new InvalidModelFolderException(path, dotted + (node.isMissingNode() ? " is missing" : " is not an integer"));
        }
        return node.intValue();
    }

    String requiredText(String dotted) {
        JsonNode node = at(dotted);
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new InvalidModelFolderException(path, dotted + (node.isMissingNode() ? " is missing" : " is not a name"));
        }
        return node.textValue();
    }

    String optionalText(String dotted) {
        JsonNode node = at(dotted);
        return node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }

    /** A name pattern with one %d for the layer index. */
    String requiredPattern(String dotted) {
        String pattern = requiredText(dotted);
        if (!pattern.contains("%d")) {
            throw new InvalidModelFolderException(path, dotted + " must hold %d for the layer index, got '" + pattern + "'");
        }
        return pattern;
    }

    /** Token ids at {@code dotted}: one integer or an array of them (Hugging Face allows both); empty when absent. */
    Set<Long> tokenIds(String dotted) {
        JsonNode node = at(dotted);
        Set<Long> ids = new LinkedHashSet<>();
        if (node.isIntegralNumber()) {
            ids.add(node.longValue());
        } else if (node.isArray()) {
            node.forEach(n -> {
                if (!n.isIntegralNumber()) {
                    throw new InvalidModelFolderException(path, dotted + " holds a non-integer token id");
                }
                ids.add(n.longValue());
            });
        } else if (!node.isMissingNode() && !node.isNull()) {
            throw new InvalidModelFolderException(path, dotted + " is not a token id");
        }
        return ids;
    }
}
