package dev.detour.bench;

/** Where the load goes: straight to the simulated provider, or through the gateway in front of it. */
public enum Target {
    DIRECT, GATEWAY;

    public String label() {
        return name().toLowerCase();
    }
}
