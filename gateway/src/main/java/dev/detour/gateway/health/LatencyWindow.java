package dev.detour.gateway.health;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Latency percentiles over a sliding window: calls record into an HdrHistogram {@link Recorder} (wait-free), and
 * each publish tick moves the recorder's interval histogram into a queue of per-tick histograms whose sum is the
 * window. Only the health publisher's thread calls {@link #roll}.
 */
final class LatencyWindow {

    /** One hour in microseconds: anything slower is recorded as an hour. */
    private static final long HIGHEST = 3_600_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST, 2);
    private final Deque<Stamped> intervals = new ArrayDeque<>();
    private final long windowMillis;
    private Histogram interval;

    LatencyWindow(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    void record(long micros) {
        recorder.recordValue(Math.max(0, Math.min(micros, HIGHEST)));
    }

    /** Takes what was recorded since the last roll into the window and returns the window's percentiles. */
    synchronized Percentiles roll(long nowMillis) {
        interval = recorder.getIntervalHistogram(interval);
        if (interval.getTotalCount() > 0) {
            intervals.addLast(new Stamped(nowMillis, interval.copy()));
        }
        while (!intervals.isEmpty() && intervals.peekFirst().at() <= nowMillis - windowMillis) {
            intervals.removeFirst();
        }
        if (intervals.isEmpty()) {
            return Percentiles.NONE;
        }
        Histogram sum = new Histogram(HIGHEST, 2);
        intervals.forEach(s -> sum.add(s.histogram()));
        return new Percentiles(sum.getTotalCount(), sum.getValueAtPercentile(50) / 1000.0,
                sum.getValueAtPercentile(99) / 1000.0);
    }

    synchronized void clear() {
        recorder.reset();
        intervals.clear();
    }

    private record Stamped(long at, Histogram histogram) {
    }

    /** Percentiles of the window in milliseconds; {@code count} 0 means nothing was measured. */
    record Percentiles(long count, double p50Millis, double p99Millis) {
        static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN);
    }
}
