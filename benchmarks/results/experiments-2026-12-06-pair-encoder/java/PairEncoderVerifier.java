package dev.detour.cache.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The default second opinion: the candidate must reach a cosine floor (cheap, and it spares the encoder most
 * misses), pass the {@link FalseHitGuard} when guarded, and the {@link PairEncoder} must give it at least the
 * accept threshold. Floor, guard and threshold are chosen per embedding model on the QQP validation split
 * (benchmarks/run-cache-quality.sh) and ship as {@code pair-encoder-MODEL.txt} next to this class.
 */
public final class PairEncoderVerifier implements HitVerifier, AutoCloseable {

    /** The thresholds for one embedding model (its cosines run on its own scale). */
    public record Settings(String embeddingModel, double cosineFloor, boolean guarded, double acceptThreshold) {

        public Settings {
            if (!(cosineFloor > 0 && cosineFloor <= 1) || !(acceptThreshold > 0 && acceptThreshold < 1)) {
                throw new IllegalArgumentException("pair encoder settings out of range: floor " + cosineFloor
                        + ", threshold " + acceptThreshold);
            }
        }

        /** Reads the {@code key value} lines written by {@link #write}; {@code #} starts a comment. */
        public static Settings read(InputStream in, String source) throws IOException {
            String model = null;
            Double floor = null;
            Double threshold = null;
            Boolean guarded = null;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split("\\s+", 2);
                if (kv.length != 2) {
                    throw new IOException(source + ": expected 'key value', got: " + line);
                }
                switch (kv[0]) {
                    case "embedding-model" -> model = kv[1];
                    case "cosine-floor" -> floor = Double.parseDouble(kv[1]);
                    case "guard" -> guarded = Boolean.parseBoolean(kv[1]);
                    case "accept-threshold" -> threshold = Double.parseDouble(kv[1]);
                    default -> throw new IOException(source + ": unknown key " + kv[0]);
                }
            }
            if (model == null || floor == null || threshold == null || guarded == null) {
                throw new IOException(source + ": needs embedding-model, cosine-floor, guard and accept-threshold");
            }
            return new Settings(model, floor, guarded, threshold);
        }

        /** Writes the settings with {@code comment} lines on top (what made them, the held-out figures). */
        public void write(Writer out, List<String> comment) throws IOException {
            for (String line : comment) {
                out.write("# " + line + "\n");
            }
            out.write("embedding-model " + embeddingModel + "\n");
            out.write(String.format(Locale.ROOT, "cosine-floor %.4f%n", cosineFloor));
            out.write("guard " + guarded + "\n");
            out.write(String.format(Locale.ROOT, "accept-threshold %.4f%n", acceptThreshold));
        }

        /** The shipped settings for {@code embeddingModel}, from the classpath. */
        public static Settings shipped(String embeddingModel) {
            String resource = resourceName(embeddingModel);
            try (InputStream in = PairEncoderVerifier.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no pair encoder settings for embedding model '"
                            + embeddingModel + "' (classpath resource " + resource + ")");
                }
                Settings settings = read(in, resource);
                if (!settings.embeddingModel().equals(embeddingModel)) {
                    throw new IllegalStateException(resource + " was chosen for " + settings.embeddingModel());
                }
                return settings;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Where the settings for {@code embeddingModel} live, relative to this class's package. */
        public static String resourceName(String embeddingModel) {
            return "pair-encoder-" + embeddingModel + ".txt";
        }
    }

    private final PairEncoder encoder;
    private final Settings settings;
    private final FalseHitGuard guard = new FalseHitGuard();

    public PairEncoderVerifier(PairEncoder encoder, Settings settings) {
        this.encoder = encoder;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public Verdict judge(String cachedText, String queryText, float[] cachedVector, float[] queryVector, double cosine) {
        if (cosine < settings.cosineFloor()) {
            return Verdict.reject(0, String.format(Locale.ROOT, "cosine %.3f below %.2f", cosine,
                    settings.cosineFloor()));
        }
        if (settings.guarded()) {
            Optional<GuardFinding> finding = guard.find(ParsedQuestion.of(cachedText), ParsedQuestion.of(queryText));
            if (finding.isPresent()) {
                return Verdict.reject(0, "guard: " + finding.get().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        double p = encoder.probability(cachedText, queryText);
        String reason = String.format(Locale.ROOT, "pair encoder p=%.3f (needs %.3f)", p, settings.acceptThreshold());
        return p >= settings.acceptThreshold() ? Verdict.accept(p, reason) : Verdict.reject(p, reason);
    }

    /** Closes the encoder this verifier was given. */
    @Override
    public void close() {
        encoder.close();
    }
}
