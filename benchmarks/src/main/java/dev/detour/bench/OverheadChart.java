package dev.detour.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small PNG of a run: throughput per cell, and latency at the lowest connection count, direct vs gateway. */
final class OverheadChart {

    private static final Color DIRECT = new Color(0x4C78A8);
    private static final Color GATEWAY = new Color(0xF58518);

    private OverheadChart() {
    }

    static void write(OverheadReport report, Path file) throws IOException {
        BufferedImage image = new BufferedImage(1000, 420, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());

        List<String> groups = new ArrayList<>();
        List<double[]> throughput = new ArrayList<>();
        for (Comparison c : report.comparisons()) {
            groups.add(c.mode().label() + " c=" + c.connections());
            throughput.add(new double[] {c.direct().load().requestsPerSecond(), c.gateway().load().requestsPerSecond()});
        }
        bars(g, new Rectangle(60, 50, 420, 300), "Throughput (req/s)", groups, throughput, "%,.0f");

        int fewest = report.options().connections().stream().mapToInt(Integer::intValue).min().orElse(1);
        List<String> latencyGroups = new ArrayList<>();
        List<double[]> latency = new ArrayList<>();
        for (Comparison c : report.comparisons()) {
            if (c.connections() == fewest) {
                latencyGroups.add(c.mode().label() + " p50");
                latency.add(new double[] {c.direct().load().p50Micros() / 1000, c.gateway().load().p50Micros() / 1000});
                latencyGroups.add(c.mode().label() + " p99");
                latency.add(new double[] {c.direct().load().p99Micros() / 1000, c.gateway().load().p99Micros() / 1000});
            }
        }
        bars(g, new Rectangle(560, 50, 420, 300), "Latency at " + fewest + " connection (ms)", latencyGroups, latency, "%.2f");

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        legend(g, 60, 395, DIRECT, "direct to provider-sim");
        legend(g, 260, 395, GATEWAY, "through the gateway");
        g.setColor(Color.DARK_GRAY);
        g.drawString(report.date() + ", " + report.machine().cpus() + " CPUs, " + report.loadGenerator(), 460, 405);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void bars(Graphics2D g, Rectangle area, String title, List<String> groups, List<double[]> values,
                             String format) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, area.x, area.y - 20);
        double max = values.stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.15;
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(area.x, area.y + area.height, area.x + area.width, area.y + area.height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int slot = groups.isEmpty() ? area.width : area.width / groups.size();
        int bar = Math.max(8, slot / 3);
        for (int i = 0; i < groups.size(); i++) {
            int x = area.x + i * slot + (slot - 2 * bar) / 2;
            for (int k = 0; k < 2; k++) {
                double v = values.get(i)[k];
                int h = (int) Math.round(area.height * v / max);
                g.setColor(k == 0 ? DIRECT : GATEWAY);
                g.fillRect(x + k * bar, area.y + area.height - h, bar - 2, h);
                g.setColor(Color.BLACK);
                String label = String.format(Locale.ROOT, format, v);
                int w = g.getFontMetrics().stringWidth(label);
                g.drawString(label, x + k * bar + (bar - 2 - w) / 2, area.y + area.height - h - 4);
            }
            String name = groups.get(i);
            int w = g.getFontMetrics().stringWidth(name);
            g.drawString(name, area.x + i * slot + (slot - w) / 2, area.y + area.height + 16);
        }
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y - 11, 14, 12);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 20, y);
    }
}
