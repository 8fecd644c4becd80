package dev.detour.bench.quality;

import dev.detour.cache.verify.VerifierModel;

import java.util.List;
import java.util.Random;

/**
 * Plain L2-regularised logistic regression on standardised features, trained with mini-batch Adam. Small enough to
 * read; the learned parameters are all a {@link VerifierModel} needs.
 */
final class LogisticTrainer {

    private final double l2;
    private final int epochs;
    private final long seed;

    LogisticTrainer(double l2, int epochs, long seed) {
        this.l2 = l2;
        this.epochs = epochs;
        this.seed = seed;
    }

    VerifierModel train(String embeddingModel, List<String> names, double[][] x, boolean[] y) {
        int n = x.length;
        int d = names.size();
        double[] means = new double[d];
        double[] scales = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                means[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            means[j] /= n;
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - means[j];
                scales[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scales[j] / n);
            scales[j] = sd > 1e-9 ? sd : 1;
        }
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - means[j]) / scales[j];
            }
        }

        double[] w = new double[d + 1]; // last = bias
        double[] m = new double[d + 1];
        double[] v = new double[d + 1];
        double rate = 0.01;
        double beta1 = 0.9;
        double beta2 = 0.999;
        int batch = 256;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        long step = 0;
        double[] grad = new double[d + 1];
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            double loss = 0;
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                java.util.Arrays.fill(grad, 0);
                for (int k = from; k < to; k++) {
                    double[] row = z[order[k]];
                    double s = w[d];
                    for (int j = 0; j < d; j++) {
                        s += w[j] * row[j];
                    }
                    double p = 1 / (1 + Math.exp(-s));
                    double target = y[order[k]] ? 1 : 0;
                    loss -= target * Math.log(p + 1e-12) + (1 - target) * Math.log(1 - p + 1e-12);
                    double g = p - target;
                    for (int j = 0; j < d; j++) {
                        grad[j] += g * row[j];
                    }
                    grad[d] += g;
                }
                int size = to - from;
                step++;
                double lr = rate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
                for (int j = 0; j <= d; j++) {
                    double g = grad[j] / size + (j < d ? l2 * w[j] : 0);
                    m[j] = beta1 * m[j] + (1 - beta1) * g;
                    v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                    w[j] -= lr * m[j] / (Math.sqrt(v[j]) + 1e-8);
                }
            }
            if (epoch == 0 || (epoch + 1) % 5 == 0 || epoch == epochs - 1) {
                System.out.printf("  training %s: epoch %d/%d, log loss %.4f%n", embeddingModel, epoch + 1, epochs, loss / n);
            }
            rate *= 0.93; // a gentle decay settles the weights for the last epochs
        }
        double[] weights = java.util.Arrays.copyOf(w, d);
        return new VerifierModel(embeddingModel, 0, 0.5, w[d], names, means, scales, weights);
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
