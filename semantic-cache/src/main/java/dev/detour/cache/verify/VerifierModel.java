package dev.detour.cache.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The learned parameters of the hit verifier for one embedding model: logistic regression over standardised
 * {@link PairFeatures}, the cosine floor below which no candidate is considered, and the probability a candidate
 * needs to be accepted. Stored as a small text file (one feature a line) so a change shows in a diff.
 */
public record VerifierModel(String embeddingModel, double cosineFloor, double acceptThreshold, double bias,
                            List<String> featureNames, double[] means, double[] scales, double[] weights) {

    public VerifierModel {
        int n = featureNames.size();
        if (means.length != n || scales.length != n || weights.length != n) {
            throw new IllegalArgumentException("feature names, means, scales and weights must have the same length");
        }
        featureNames = List.copyOf(featureNames);
    }

    /** The probability that the answer cached for one question answers the other too. */
    public double probability(double[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + features.length);
        }
        double z = bias;
        for (int i = 0; i < features.length; i++) {
            z += weights[i] * (features[i] - means[i]) / scales[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    public VerifierModel withThresholds(double newCosineFloor, double newAcceptThreshold) {
        return new VerifierModel(embeddingModel, newCosineFloor, newAcceptThreshold, bias, featureNames, means, scales,
                weights);
    }

    /** Writes the model in the format {@link #read} reads, after {@code comment} lines (how it was made). */
    public void write(Writer out, List<String> comment) throws IOException {
        for (String c : comment) {
            out.write("# " + c + "\n");
        }
        out.write("embedding-model " + embeddingModel + "\n");
        out.write(String.format(Locale.ROOT, "cosine-floor %.4f%n", cosineFloor));
        out.write(String.format(Locale.ROOT, "accept-threshold %.4f%n", acceptThreshold));
        out.write("bias " + bias + "\n");
        out.write("# feature name, mean, scale, weight (on the standardised feature)\n");
        for (int i = 0; i < weights.length; i++) {
            out.write("feature " + featureNames.get(i) + " " + means[i] + " " + scales[i] + " " + weights[i] + "\n");
        }
    }

    /** Reads a model file; {@code source} names it in error messages. */
    public static VerifierModel read(InputStream in, String source) throws IOException {
        String model = null;
        Double floor = null;
        Double threshold = null;
        Double bias = null;
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            try {
                switch (parts[0]) {
                    case "embedding-model" -> model = single(parts);
                    case "cosine-floor" -> floor = Double.parseDouble(single(parts));
                    case "accept-threshold" -> threshold = Double.parseDouble(single(parts));
                    case "bias" -> bias = Double.parseDouble(single(parts));
                    case "feature" -> {
                        if (parts.length != 5) {
                            throw new IllegalArgumentException("expected: feature NAME MEAN SCALE WEIGHT");
                        }
                        double scale = Double.parseDouble(parts[3]);
                        if (!(scale > 0)) {
                            throw new IllegalArgumentException("scale must be positive");
                        }
                        names.add(parts[1]);
                        rows.add(new double[] {Double.parseDouble(parts[2]), scale, Double.parseDouble(parts[4])});
                    }
                    default -> throw new IllegalArgumentException("unknown key '" + parts[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(source + " line " + number + ": " + e.getMessage(), e);
            }
        }
        if (model == null || floor == null || threshold == null || bias == null || names.isEmpty()) {
            throw new IOException(source + ": needs embedding-model, cosine-floor, accept-threshold, bias and features");
        }
        double[] means = new double[rows.size()];
        double[] scales = new double[rows.size()];
        double[] weights = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            means[i] = rows.get(i)[0];
            scales[i] = rows.get(i)[1];
            weights[i] = rows.get(i)[2];
        }
        return new VerifierModel(model, floor, threshold, bias, names, means, scales, weights);
    }

    private static String single(String[] parts) {
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected: " + parts[0] + " VALUE");
        }
        return parts[1];
    }
}
