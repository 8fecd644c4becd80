package dev.detour.gateway.health;

/** A deployment's availability as routing sees it. */
public enum CircuitState {
    /** Taking traffic. */
    CLOSED,
    /** Failing: no traffic until its open time is over, then probes. */
    OPEN,
    /** Letting a few probes through to decide whether it has recovered. */
    HALF_OPEN,
    /** Asked us to wait (429): no traffic until the cool-down ends. */
    COOLING;

    public String wireName() {
        return name().toLowerCase();
    }
}
