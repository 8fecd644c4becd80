package dev.detour.bench.quality;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A precision/recall PNG of a quality run: one line per rule and model (held-out), the goal area and the defaults. */
final class PrecisionRecallChart {

    private static final int W = 1180;
    private static final int H = 640;
    private static final int LEFT = 80;
    private static final int TOP = 50;
    private static final int PLOT_W = 640;
    private static final int PLOT_H = 520;
    private static final double MIN_P = 0.6;
    private static final Color[] MODEL_COLORS = {new Color(0x4C78A8), new Color(0xE45756), new Color(0x54A24B)};

    private PrecisionRecallChart() {
    }

    static void write(List<ModelEvaluation> evaluations, Path file) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Semantic cache on QQP, held-out pairs: precision vs recall", LEFT, 30);

        // the goal: precision >= 0.95 with recall >= 0.30
        g.setColor(new Color(0xE8F5E9));
        g.fillRect(x(0.30), y(1.0), x(1.0) - x(0.30), y(0.95) - y(1.0));
        axes(g);

        Stroke[] strokes = {
                new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {2f, 5f}, 0f),
                new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {9f, 5f}, 0f),
                new BasicStroke(2.5f)};
        String[] ruleNames = {"cosine", "cosine + guard", "cosine >= 0.70 + guard + verifier"};
        int legendY = TOP + 10;
        for (int m = 0; m < evaluations.size(); m++) {
            ModelEvaluation e = evaluations.get(m);
            Color color = MODEL_COLORS[m % MODEL_COLORS.length];
            List<List<PrPoint>> curves = List.of(e.cosineCurve(false), e.cosineCurve(true),
                    e.verifierCurve(ModelEvaluation.FLOORS[0], true));
            for (int r = 0; r < curves.size(); r++) {
                g.setColor(color);
                g.setStroke(strokes[r]);
                line(g, curves.get(r));
                g.drawLine(LEFT + PLOT_W + 20, legendY + 5, LEFT + PLOT_W + 60, legendY + 5);
                g.setStroke(new BasicStroke(1));
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                g.drawString(e.model.modelName() + ": " + ruleNames[r], LEFT + PLOT_W + 66, legendY + 9);
                legendY += 20;
            }
            PrPoint chosen = e.chosenOnHeldOut();
            g.setColor(color);
            g.fillOval(x(chosen.recall()) - 6, y(chosen.precision()) - 6, 12, 12);
            g.setColor(Color.BLACK);
            g.drawOval(x(chosen.recall()) - 6, y(chosen.precision()) - 6, 12, 12);
            g.setColor(color);
            g.fillOval(LEFT + PLOT_W + 34, legendY - 1, 12, 12);
            g.setColor(Color.BLACK);
            g.drawOval(LEFT + PLOT_W + 34, legendY - 1, 12, 12);
            g.drawString(String.format(Locale.ROOT, "default: precision %.3f, recall %.3f", chosen.precision(),
                    chosen.recall()), LEFT + PLOT_W + 66, legendY + 9);
            legendY += 30;
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("green: the goal (precision >= 0.95, recall >= 0.30)", LEFT + PLOT_W + 20, legendY + 10);
        g.drawString("cosine thresholds 0.70-0.99; verifier", LEFT + PLOT_W + 20, legendY + 30);
        g.drawString("thresholds 0.30-0.99; dots: the chosen defaults", LEFT + PLOT_W + 20, legendY + 46);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void axes(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i <= 10; i++) {
            double r = i / 10.0;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x(r), y(MIN_P), x(r), y(1));
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.1f", r), x(r) - 8, y(MIN_P) + 16);
        }
        for (int i = 0; i <= 8; i++) {
            double p = MIN_P + i * 0.05;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x(0), y(p), x(1), y(p));
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", p), LEFT - 36, y(p) + 4);
        }
        g.drawRect(LEFT, TOP, PLOT_W, PLOT_H);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("recall", LEFT + PLOT_W / 2 - 20, TOP + PLOT_H + 36);
        g.rotate(-Math.PI / 2);
        g.drawString("precision", -(TOP + PLOT_H / 2 + 30), LEFT - 50);
        g.rotate(Math.PI / 2);
    }

    private static void line(Graphics2D g, List<PrPoint> curve) {
        PrPoint last = null;
        for (PrPoint p : curve) {
            if (p.hits() == 0) {
                continue;
            }
            if (last != null) {
                g.drawLine(x(last.recall()), y(last.precision()), x(p.recall()), y(p.precision()));
            }
            last = p;
        }
    }

    private static int x(double recall) {
        return LEFT + (int) Math.round(recall * PLOT_W);
    }

    private static int y(double precision) {
        double p = Math.max(MIN_P, Math.min(1, precision));
        return TOP + (int) Math.round((1 - p) / (1 - MIN_P) * PLOT_H);
    }
}
