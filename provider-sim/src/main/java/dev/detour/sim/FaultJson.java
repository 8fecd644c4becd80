package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;

/**
 * The JSON form of a {@link Fault}, shared by the admin endpoint and scenario files, e.g.
 * {@code {"type":"status","status":503,"retryAfterMs":2000,"times":1}}.
 */
public final class FaultJson {

    private FaultJson() {
    }

    /** Reads a fault from its JSON form; throws IllegalArgumentException naming the bad field. */
    public static Fault read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("fault must be a JSON object");
        }
        String typeName = Json.text(node, "type");
        if (typeName == null) {
            throw new IllegalArgumentException("fault needs a \"type\"");
        }
        FaultType type = FaultType.fromJson(typeName);
        Fault f = switch (type) {
            case LATENCY -> Fault.latency(duration(node, true));
            case FIRST_TOKEN_DELAY -> Fault.firstTokenDelay(duration(node, true));
            case CHUNK_DELAY -> Fault.chunkDelay(duration(node, true));
            case STATUS -> Fault.status(requiredInt(node, "status"));
            case RESET_BEFORE_HEADERS -> Fault.resetBeforeHeaders();
            case HANG -> Fault.hang();
            case CUT_AFTER_CHUNKS -> Fault.cutAfterChunks(requiredInt(node, "chunks"));
            case STALL_AFTER_CHUNKS -> Fault.stallAfterChunks(requiredInt(node, "chunks"));
            case MALFORMED_CHUNK_AFTER -> Fault.malformedChunkAfter(requiredInt(node, "chunks"));
            case ERROR_AFTER_CHUNKS -> Fault.errorAfterChunks(requiredInt(node, "chunks"),
                    node.has("status") ? node.get("status").asInt() : 500);
            case NO_DONE -> Fault.noDone();
            case CONTEXT_LENGTH_EXCEEDED -> Fault.contextLengthExceeded();
            case CONTENT_POLICY -> Fault.contentPolicy();
            case FRACTION -> {
                JsonNode p = node.get("p") != null ? node.get("p") : node.get("fraction");
                if (p == null || !p.isNumber()) {
                    throw new IllegalArgumentException("fraction fault needs a number \"p\"");
                }
                yield Fault.fraction(p.asDouble(), read(node.get("fault")));
            }
        };
        Duration retry = null;
        if (node.hasNonNull("retryAfterMs")) {
            retry = Duration.ofMillis(node.get("retryAfterMs").asLong());
        } else if (node.hasNonNull("retryAfter")) {
            retry = Durations.parse(node.get("retryAfter"));
        }
        if (retry != null) {
            f = f.retryAfter(retry);
        }
        if (node.hasNonNull("times")) {
            f = f.times(node.get("times").asInt());
        }
        return f;
    }

    /** Writes the JSON form that {@link #read} accepts. */
    public static ObjectNode write(Fault f) {
        ObjectNode n = Json.object().put("type", f.name());
        switch (f.type()) {
            case LATENCY, FIRST_TOKEN_DELAY, CHUNK_DELAY -> n.put("ms", f.delay().toMillis());
            case STATUS -> n.put("status", f.status());
            case CUT_AFTER_CHUNKS, STALL_AFTER_CHUNKS, MALFORMED_CHUNK_AFTER -> n.put("chunks", f.chunks());
            case ERROR_AFTER_CHUNKS -> n.put("chunks", f.chunks()).put("status", f.status());
            case FRACTION -> {
                n.put("p", f.fraction());
                n.set("fault", write(f.inner()));
            }
            default -> { }
        }
        if (f.retryAfterDuration() != null) {
            n.put("retryAfterMs", f.retryAfterDuration().toMillis());
        }
        if (f.timesLimit() > 0) {
            n.put("times", f.timesLimit());
        }
        return n;
    }

    private static Duration duration(JsonNode node, boolean required) {
        if (node.hasNonNull("ms")) {
            return Duration.ofMillis(node.get("ms").asLong());
        }
        if (node.hasNonNull("delay")) {
            return Durations.parse(node.get("delay"));
        }
        if (required) {
            throw new IllegalArgumentException(Json.text(node, "type") + " fault needs \"ms\" (or \"delay\" like \"500ms\")");
        }
        return Duration.ZERO;
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(Json.text(node, "type") + " fault needs an integer \"" + field + "\"");
        }
        return v.asInt();
    }
}
