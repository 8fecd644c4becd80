package dev.detour.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool call the sim answers with: a deterministic id suffix, the tool name and its arguments. */
record ToolCallAnswer(String idSuffix, String name, ObjectNode arguments, String argumentsJson) {
}
