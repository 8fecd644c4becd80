package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool offered in a request: its name and JSON-schema parameters (may be null). */
record ToolSpec(String name, JsonNode parameters) {
}
