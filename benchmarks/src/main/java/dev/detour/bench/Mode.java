package dev.detour.bench;

/** A non-streaming (one JSON document) or streaming (SSE until {@code data: [DONE]}) chat completion. */
public enum Mode {
    JSON, STREAM;

    public String label() {
        return name().toLowerCase();
    }

    public boolean streams() {
        return this == STREAM;
    }
}
