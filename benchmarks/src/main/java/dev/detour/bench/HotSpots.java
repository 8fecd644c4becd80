package dev.detour.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a JVM's CPU and allocations went during chosen windows of a JFR recording (run it with a recording file to
 * look at all of it). It prefers JDK 25's CPU-time samples ({@code jdk.CPUTimeSample}, which also see native code
 * such as socket writes) and falls back to execution samples. Each sample is charged to the topmost frame that
 * belongs to a {@link Component}; top methods, threads, allocations and GC come with it.
 */
public final class HotSpots {

    /** A time span of the recording to look at, e.g. one cell's measurement. */
    record Window(String name, Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }

        double seconds() {
            return start.equals(Instant.MIN) ? 0 : Duration.between(start, end).toNanos() / 1e9;
        }
    }

    /** One line of a breakdown: what, how much (samples or bytes), which share of all. */
    record Row(String name, long amount, double percent) {
    }

    static final String EXPLANATION = "Each sample is charged to the topmost frame that belongs to a library "
            + "(generic JDK code such as collections or socket I/O goes to its caller). \"On stack\" counts a library "
            + "once per sample wherever it appears. CPU-time samples (JDK 25+) include native code and syscalls but "
            + "not the JVM's own threads (GC, JIT), shown apart; execution samples only see Java code.\n";

    /** The breakdown of one window. */
    record Report(String window, double seconds, String eventType, long samples, List<Row> components,
                  List<Row> inclusive, List<Row> topMethods, List<Row> topDetourMethods, List<Row> threads,
                  List<Row> allocations, long allocatedBytes, long gcCount, double gcPauseMillis,
                  double gcCpuSeconds) {

        String toMarkdown() {
            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "%n### %s: %,d samples (%s)%n%n", window, samples, eventType));
            if (seconds > 0) {
                md.append(String.format(Locale.ROOT, "GC: %d collections, %.0f ms of pauses, %.2f cores of GC CPU; "
                        + "about %,.0f MB/s allocated.%n%n", gcCount, gcPauseMillis, gcCpuSeconds / seconds,
                        allocatedBytes / 1e6 / seconds));
            }
            md.append("| component | CPU self % | CPU on stack % | allocated % |\n|---|---:|---:|---:|\n");
            Map<String, Double> onStack = percents(inclusive);
            Map<String, Double> allocated = percents(allocations);
            for (Row row : components) {
                md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", row.name(), row.percent(),
                        onStack.getOrDefault(row.name(), row.percent()), allocated.getOrDefault(row.name(), 0.0)));
            }
            md.append("\nThreads:\n\n| CPU % | thread |\n|---:|---|\n");
            threads.forEach(row -> md.append(String.format(Locale.ROOT, "| %.1f | %s |%n", row.percent(), row.name())));
            md.append("\nTop methods (self):\n\n| CPU % | method |\n|---:|---|\n");
            topMethods.forEach(row -> md.append(String.format(Locale.ROOT, "| %.1f | `%s` |%n", row.percent(), row.name())));
            md.append("\nInnermost Detour method on the stack:\n\n| CPU % | method |\n|---:|---|\n");
            topDetourMethods.forEach(row -> md.append(String.format(Locale.ROOT, "| %.1f | `%s` |%n", row.percent(), row.name())));
            return md.toString();
        }

        private static Map<String, Double> percents(List<Row> rows) {
            Map<String, Double> map = new HashMap<>();
            rows.forEach(row -> map.put(row.name(), row.percent()));
            return map;
        }
    }

    private static final String CPU_TIME = "jdk.CPUTimeSample";
    private static final String EXECUTION = "jdk.ExecutionSample";
    private static final String ALLOCATION = "jdk.ObjectAllocationSample";

    private HotSpots() {
    }

    /** Prints the breakdown of a whole recording: {@code HotSpots recording.jfr [top]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: HotSpots recording.jfr [top methods, default 25]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Window all = new Window(args[0], Instant.MIN, Instant.MAX);
        System.out.print(EXPLANATION);
        analyze(Path.of(args[0]), List.of(all), top).forEach(r -> System.out.print(r.toMarkdown()));
    }

    static List<Report> analyze(Path recording, List<Window> windows, int top) throws IOException {
        List<Tally> tallies = windows.stream().map(Tally::new).toList();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (!type.equals(CPU_TIME) && !type.equals(EXECUTION) && !type.equals(ALLOCATION)
                        && !type.startsWith("jdk.GC") && !type.equals("jdk.GarbageCollection")) {
                    continue;
                }
                for (Tally tally : tallies) {
                    if (tally.window.contains(event.getStartTime())) {
                        tally.add(type, event);
                    }
                }
            }
        }
        return tallies.stream().map(t -> t.report(top)).toList();
    }

    /** Everything counted for one window; CPU per sampler so that the better one can be chosen at the end. */
    private static final class Tally {
        final Window window;
        final Map<String, Counts> cpu = new HashMap<>();
        final Counts allocations = new Counts();
        long gcCount;
        double gcPauseMillis;
        double gcCpuSeconds;

        Tally(Window window) {
            this.window = window;
        }

        void add(String type, RecordedEvent event) {
            switch (type) {
                case "jdk.GarbageCollection" -> {
                    gcCount++;
                    gcPauseMillis += event.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                case "jdk.GCCPUTime" -> gcCpuSeconds += (event.getLong("userTime") + event.getLong("systemTime")) / 1e9;
                case ALLOCATION -> allocations.add(event.getStackTrace(), null, event.getLong("weight"));
                case CPU_TIME, EXECUTION -> cpu.computeIfAbsent(type, t -> new Counts())
                        .add(event.getStackTrace(), thread(event, type), 1);
                default -> {
                }
            }
        }

        Report report(int top) {
            String type = cpu.containsKey(CPU_TIME) ? CPU_TIME : EXECUTION;
            Counts c = cpu.getOrDefault(type, new Counts());
            return new Report(window.name(), window.seconds(), type, c.total, rows(c.components, c.total, 99),
                    rows(c.inclusive, c.total, 99), rows(c.methods, c.total, top), rows(c.detourMethods, c.total, top),
                    rows(c.threads, c.total, 12), rows(allocations.components, allocations.total, 99),
                    allocations.total, gcCount, gcPauseMillis, gcCpuSeconds);
        }
    }

    /** Amounts (samples, or bytes for allocations) by component, method and thread. */
    private static final class Counts {
        long total;
        final Map<String, Long> components = new HashMap<>();
        final Map<String, Long> inclusive = new HashMap<>();
        final Map<String, Long> methods = new HashMap<>();
        final Map<String, Long> detourMethods = new HashMap<>();
        final Map<String, Long> threads = new HashMap<>();

        void add(RecordedStackTrace stack, String thread, long amount) {
            if (stack == null || stack.getFrames().isEmpty()) {
                return;
            }
            List<RecordedFrame> frames = stack.getFrames();
            total += amount;
            methods.merge(name(frames.getFirst()), amount, Long::sum);
            if (thread != null) {
                threads.merge(thread, amount, Long::sum);
            }
            Component owner = null;
            String innermostDetour = null;
            Set<Component> seen = EnumSet.noneOf(Component.class);
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                Component c = Component.of(method);
                if (c != null) {
                    seen.add(c);
                    owner = owner == null ? c : owner;
                    if (c == Component.DETOUR && innermostDetour == null) {
                        innermostDetour = method;
                    }
                }
            }
            components.merge((owner == null ? Component.JDK_OTHER : owner).description(), amount, Long::sum);
            seen.forEach(c -> inclusive.merge(c.description(), amount, Long::sum));
            if (innermostDetour != null) {
                detourMethods.merge(innermostDetour, amount, Long::sum);
            }
        }
    }

    /** The sampled thread's name with numbers folded, so that a pool shows as one line. */
    private static String thread(RecordedEvent event, String type) {
        RecordedThread t = event.getThread(type.equals(CPU_TIME) ? "eventThread" : "sampledThread");
        if (t == null) {
            return "?";
        }
        String name = t.getJavaName() == null ? t.getOSName() : t.getJavaName();
        if (name == null || name.isEmpty()) {
            return t.isVirtual() ? "(unnamed virtual threads)" : "(unnamed)";
        }
        return name.replaceAll("\\d+", "N") + (t.isVirtual() ? " (virtual)" : "");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Row> rows(Map<String, Long> amounts, long total, int limit) {
        List<Row> rows = new ArrayList<>();
        amounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .forEach(e -> rows.add(new Row(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total)));
        return rows;
    }
}
