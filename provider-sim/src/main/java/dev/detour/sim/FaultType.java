package dev.detour.sim;

/** The kinds of misbehaviour a {@link Fault} can inject; the JSON name is what the admin API and scenarios use. */
public enum FaultType {
    LATENCY("latency"),
    FIRST_TOKEN_DELAY("firstTokenDelay"),
    CHUNK_DELAY("chunkDelay"),
    STATUS("status"),
    RESET_BEFORE_HEADERS("resetBeforeHeaders"),
    HANG("hang"),
    CUT_AFTER_CHUNKS("cutAfterChunks"),
    STALL_AFTER_CHUNKS("stallAfterChunks"),
    MALFORMED_CHUNK_AFTER("malformedChunkAfter"),
    ERROR_AFTER_CHUNKS("errorAfterChunks"),
    NO_DONE("noDone"),
    CONTEXT_LENGTH_EXCEEDED("contextLengthExceeded"),
    CONTENT_POLICY("contentPolicy"),
    FRACTION("fraction");

    private final String jsonName;

    FaultType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in JSON, YAML scenarios and {@link Attempt#fault()}. */
    public String jsonName() {
        return jsonName;
    }

    /** Looks a type up by its JSON name (case-insensitive, so "reset_before_headers"-style typos of case still work). */
    public static FaultType fromJson(String name) {
        for (FaultType t : values()) {
            if (t.jsonName.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown fault type: " + name);
    }
}
