package dev.detour.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A test's own variant of a model folder: a copy of the original, with some files edited or removed. */
public final class ModelFolderCopy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private ModelFolderCopy(Path dir) {
        this.dir = dir;
    }

    /** Copies every file of {@code original} into {@code dir} (created; the test models are a few MB). */
    public static ModelFolderCopy of(Path original, Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(original)) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            return new ModelFolderCopy(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public ModelFolderCopy remove(String file) {
        try {
            Files.delete(dir.resolve(file));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ModelFolderCopy write(String file, String content) {
        try {
            Files.deleteIfExists(dir.resolve(file));
            Files.writeString(dir.resolve(file), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a JSON file through {@code edit} (the original stays untouched). */
    public ModelFolderCopy editJson(String file, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(file).toFile());
            edit.accept(root);
            return write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
