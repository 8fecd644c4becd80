package dev.detour.bench.quality;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The embeddings of every distinct QQP text for one model, kept in a file so that reruns skip the minutes of
 * embedding. The file names the digest of the text list, so a changed pairs file is embedded again.
 */
final class EmbeddingFile {

    private static final int MAGIC = 0x44_45_4D_42; // "DEMB"
    private static final int BATCH = 256;

    private EmbeddingFile() {
    }

    /** Reads the vectors from {@code dir}, or computes (with progress lines) and writes them first. */
    static float[][] loadOrCompute(Path dir, EmbeddingModelChoice model, List<String> texts) throws IOException {
        String digest = digest(texts);
        Path file = dir.resolve("qqp-" + model.modelName() + ".emb");
        if (Files.exists(file)) {
            float[][] vectors = read(file, digest, texts.size());
            if (vectors != null) {
                System.out.printf("embeddings: %s, %,d texts, from %s%n", model.modelName(), texts.size(), file);
                return vectors;
            }
        }
        float[][] vectors = compute(model, texts);
        Files.createDirectories(dir);
        write(dir, file, digest, vectors);
        return vectors;
    }

    private static float[][] compute(EmbeddingModelChoice choice, List<String> texts) {
        EmbeddingModel model = choice.create();
        float[][] vectors = new float[texts.size()][];
        long start = System.nanoTime();
        long lastReport = start;
        for (int from = 0; from < texts.size(); from += BATCH) {
            int to = Math.min(texts.size(), from + BATCH);
            List<TextSegment> segments = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                segments.add(TextSegment.from(texts.get(i)));
            }
            List<Embedding> embeddings = model.embedAll(segments).content();
            for (int i = from; i < to; i++) {
                vectors[i] = Vectors.normalised(embeddings.get(i - from).vector());
            }
            long now = System.nanoTime();
            if (now - lastReport > 10_000_000_000L || to == texts.size()) {
                double seconds = (now - start) / 1e9;
                double rate = to / seconds;
                System.out.printf("embedding %s: %,d/%,d texts, %.0f/s, %.0f s left%n", choice.modelName(), to,
                        texts.size(), rate, (texts.size() - to) / rate);
                lastReport = now;
            }
        }
        return vectors;
    }

    private static float[][] read(Path file, String digest, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(digest) || in.readInt() != count) {
                return null;
            }
            int dim = in.readInt();
            float[][] vectors = new float[count][dim];
            for (float[] v : vectors) {
                for (int d = 0; d < dim; d++) {
                    v[d] = in.readFloat();
                }
            }
            return vectors;
        }
    }

    private static void write(Path dir, Path file, String digest, float[][] vectors) throws IOException {
        Path tmp = Files.createTempFile(dir, "emb", ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeUTF(digest);
            out.writeInt(vectors.length);
            out.writeInt(vectors[0].length);
            for (float[] v : vectors) {
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String digest(List<String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String t : texts) {
                sha.update(t.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
