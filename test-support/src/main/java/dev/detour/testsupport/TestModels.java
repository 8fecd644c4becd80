package dev.detour.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shared test models (../shared/models next to the repository's main checkout, as on CI). A test that
 * needs one is skipped, with a message naming the paths looked at, when it is absent: never passed silently.
 */
public final class TestModels {

    /** Overrides where the shared models are looked for. */
    public static final String LOCATION_PROPERTY = "detour.shared.models";

    private TestModels() {
    }

    /** The tiny random Llama (fp16 KV cache, random weights). */
    public static Path tinyRandomLlama() {
        return require("tiny-random-llama-fp16");
    }

    public static Path require(String name) {
        List<Path> tried = new ArrayList<>();
        for (Path models : candidates()) {
            Path dir = models.resolve(name).toAbsolutePath().normalize();
            tried.add(dir);
            if (Files.isRegularFile(dir.resolve("model.onnx"))) {
                return dir;
            }
        }
        Assumptions.abort("SKIPPED: the shared test model '" + name + "' is absent; looked in " + tried
                + " (set -D" + LOCATION_PROPERTY + "=<folder> to point elsewhere)");
        throw new AssertionError("unreachable");
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String override = System.getProperty(LOCATION_PROPERTY);
        if (override != null && !override.isBlank()) {
            out.add(Path.of(override));
        }
        Path root = repositoryRoot(Path.of("").toAbsolutePath());
        if (root != null) {
            out.add(root.resolve("../shared/models"));
            Path main = mainCheckout(root);
            if (main != null) {
                out.add(main.resolve("../shared/models"));
            }
        }
        return out;
    }

    private static Path repositoryRoot(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return null;
    }

    // A git worktree's .git is a file "gitdir: <main>/.git/worktrees/<name>"; the models sit beside the main checkout.
    private static Path mainCheckout(Path root) {
        Path dotGit = root.resolve(".git");
        if (!Files.isRegularFile(dotGit)) {
            return null;
        }
        try {
            String line = Files.readString(dotGit).trim();
            if (!line.startsWith("gitdir:")) {
                return null;
            }
            Path gitDir = Path.of(line.substring("gitdir:".length()).trim());
            Path worktrees = gitDir.getParent();
            if (worktrees == null || !"worktrees".equals(String.valueOf(worktrees.getFileName()))) {
                return null;
            }
            return worktrees.getParent().getParent();
        } catch (IOException e) {
            return null;
        }
    }
}
