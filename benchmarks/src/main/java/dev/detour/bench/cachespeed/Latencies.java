package dev.detour.bench.cachespeed;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** A latency histogram in microseconds, summarised as one table row. */
final class Latencies {

    private final Histogram histogram = new Histogram(60_000_000L, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos / 1_000, 60_000_000L)));
    }

    Histogram histogram() {
        return histogram;
    }

    long count() {
        return histogram.getTotalCount();
    }

    String row(String what) {
        return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |", what, histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }

    static String header() {
        return "| what | n | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|";
    }
}
