package dev.detour.sim;

import java.util.List;

/**
 * The frames of one streamed answer, already encoded: what goes before the content (role, message_start...),
 * one frame per content chunk, and what closes the stream (finish reason, usage, terminator).
 * Stream faults count content frames only.
 */
record StreamPlan(List<String> prelude, List<String> content, List<String> closing) {
}
