package dev.detour.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the gateway's CPU went during chosen windows of a JFR recording. It prefers JDK 25's CPU-time samples
 * ({@code jdk.CPUTimeSample}, which also see native code such as socket writes) and falls back to execution samples.
 * Each sample is charged to the topmost frame that belongs to a {@link Component}; the top methods are listed too.
 */
final class HotSpots {

    /** A time span of the recording to look at, e.g. one cell's measurement. */
    record Window(String name, Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** One line of a breakdown: what, how many samples, which share of all. */
    record Row(String name, long samples, double percent) {
    }

    /** The breakdown of one window. */
    record Report(String window, String eventType, long samples, List<Row> components, List<Row> inclusive,
                  List<Row> topMethods, List<Row> topDetourMethods, double gcPauseMillis, long gcCount) {
    }

    private static final String CPU_TIME = "jdk.CPUTimeSample";
    private static final String EXECUTION = "jdk.ExecutionSample";

    private HotSpots() {
    }

    static List<Report> analyze(Path recording, List<Window> windows, int top) throws IOException {
        List<Tally> tallies = windows.stream().map(Tally::new).toList();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                boolean sample = type.equals(CPU_TIME) || type.equals(EXECUTION);
                boolean gc = type.equals("jdk.GarbageCollection");
                if (!sample && !gc) {
                    continue;
                }
                for (Tally tally : tallies) {
                    if (tally.window.contains(event.getStartTime())) {
                        if (gc) {
                            tally.gc(event);
                        } else {
                            tally.sample(type, event.getStackTrace());
                        }
                    }
                }
            }
        }
        return tallies.stream().map(t -> t.report(top)).toList();
    }

    /** Counts for one window, per event type so that the better sampler can be chosen at the end. */
    private static final class Tally {
        final Window window;
        final Map<String, Counts> byType = new HashMap<>();
        double gcPauseMillis;
        long gcCount;

        Tally(Window window) {
            this.window = window;
        }

        void gc(RecordedEvent event) {
            gcCount++;
            gcPauseMillis += event.getDuration("sumOfPauses").toNanos() / 1e6;
        }

        void sample(String type, RecordedStackTrace stack) {
            if (stack != null && !stack.getFrames().isEmpty()) {
                byType.computeIfAbsent(type, t -> new Counts()).add(stack.getFrames());
            }
        }

        Report report(int top) {
            String type = byType.containsKey(CPU_TIME) ? CPU_TIME : EXECUTION;
            Counts c = byType.getOrDefault(type, new Counts());
            return new Report(window.name(), type, c.samples, rows(c.components, c.samples, Integer.MAX_VALUE),
                    rows(c.inclusive, c.samples, Integer.MAX_VALUE), rows(c.methods, c.samples, top),
                    rows(c.detourMethods, c.samples, top), gcPauseMillis, gcCount);
        }
    }

    private static final class Counts {
        long samples;
        final Map<String, Long> components = new HashMap<>();
        final Map<String, Long> inclusive = new HashMap<>();
        final Map<String, Long> methods = new HashMap<>();
        final Map<String, Long> detourMethods = new HashMap<>();

        void add(List<RecordedFrame> frames) {
            samples++;
            methods.merge(name(frames.getFirst()), 1L, Long::sum);
            Component owner = null;
            String firstDetour = null;
            Set<Component> seen = EnumSet.noneOf(Component.class);
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                Component c = Component.of(method);
                if (c != null) {
                    seen.add(c);
                    if (owner == null) {
                        owner = c;
                    }
                    if (c == Component.DETOUR && firstDetour == null) {
                        firstDetour = method;
                    }
                }
            }
            components.merge((owner == null ? Component.JDK_OTHER : owner).description(), 1L, Long::sum);
            seen.forEach(c -> inclusive.merge(c.description(), 1L, Long::sum));
            if (firstDetour != null) {
                detourMethods.merge(firstDetour, 1L, Long::sum);
            }
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Row> rows(Map<String, Long> counts, long total, int limit) {
        List<Row> rows = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .forEach(e -> rows.add(new Row(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total)));
        return rows;
    }
}
