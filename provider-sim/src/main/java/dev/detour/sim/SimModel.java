package dev.detour.sim;

/** Per-model settings of a running sim, e.g. {@code sim.model("small").contextWindow(100)}. */
public final class SimModel {

    private final SimState state;
    private final String name;

    SimModel(SimState state, String name) {
        this.state = state;
        this.name = name;
    }

    /** Prompts longer than {@code tokens} (sim tokens = words) get the protocol's context-length error. */
    public SimModel contextWindow(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("context window must be >= 1: " + tokens);
        }
        state.contextWindow(name, tokens);
        return this;
    }

    public String name() {
        return name;
    }
}
