package dev.detour.sim;

import java.util.List;
import java.util.TreeSet;

/** The model names a sim lists: a few defaults plus every model it has seen, configured or faulted. */
final class ModelNames {

    static final List<String> DEFAULTS = List.of("sim-chat", "sim-embed");

    private final SimState state;

    ModelNames(SimState state) {
        this.state = state;
    }

    List<String> all() {
        TreeSet<String> names = new TreeSet<>(DEFAULTS);
        names.addAll(state.attempts.counts().keySet());
        names.addAll(state.faults.snapshot().keySet());
        names.addAll(state.contextWindows().keySet());
        return List.copyOf(names);
    }
}
