package dev.detour.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Every request that reached each model; counts are exact, stored records are capped so long benchmarks stay bounded. */
final class AttemptLog {

    /** Records kept per model; the count goes on past it. */
    static final int MAX_RECORDS_PER_MODEL = 100_000;

    private final Map<String, ModelLog> logs = new ConcurrentHashMap<>();

    void record(String model, String protocol, boolean stream, String fault) {
        logs.computeIfAbsent(model, m -> new ModelLog()).add(new Attempt(Instant.now(), protocol, stream, fault));
    }

    List<Attempt> attempts(String model) {
        ModelLog log = logs.get(model);
        return log == null ? List.of() : log.list();
    }

    int count(String model) {
        ModelLog log = logs.get(model);
        return log == null ? 0 : log.count();
    }

    Map<String, Integer> counts() {
        Map<String, Integer> out = new TreeMap<>();
        logs.forEach((m, log) -> out.put(m, log.count()));
        return out;
    }

    void clear() {
        logs.clear();
    }

    private static final class ModelLog {
        private final List<Attempt> records = new ArrayList<>();
        private int count;

        synchronized void add(Attempt a) {
            count++;
            if (records.size() < MAX_RECORDS_PER_MODEL) {
                records.add(a);
            }
        }

        synchronized List<Attempt> list() {
            return List.copyOf(records);
        }

        synchronized int count() {
            return count;
        }
    }
}
