package dev.detour.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds model folders: every sub-folder of a models folder that holds a model description (genai_config.json or
 * config.json) next to an .onnx file. Whether the files are right is checked when the model loads.
 */
final class LocalModelDirs {

    private LocalModelDirs() {
    }

    /** Folder name to folder; an absent models folder has none. */
    static Map<String, Path> find(Path modelsDir) {
        Map<String, Path> found = new TreeMap<>();
        if (!Files.isDirectory(modelsDir)) {
            return found;
        }
        try (Stream<Path> children = Files.list(modelsDir)) {
            children.filter(Files::isDirectory).filter(LocalModelDirs::looksLikeModel)
                    .forEach(dir -> found.put(dir.getFileName().toString(), dir.toAbsolutePath().normalize()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + modelsDir, e);
        }
        return found;
    }

    private static boolean looksLikeModel(Path dir) {
        boolean described = Files.isRegularFile(dir.resolve("genai_config.json")) || Files.isRegularFile(dir.resolve("config.json"));
        try (Stream<Path> files = Files.list(dir)) {
            return described && files.anyMatch(f -> f.getFileName().toString().endsWith(".onnx"));
        } catch (IOException e) {
            return false;
        }
    }
}
