package dev.detour.sim;

/** Why an answer ended; each protocol spells it its own way. */
enum Finish {
    STOP, LENGTH, STOP_SEQUENCE, TOOL_CALLS, REFUSAL
}
