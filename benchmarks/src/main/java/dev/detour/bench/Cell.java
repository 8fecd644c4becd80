package dev.detour.bench;

/** One measurement of the run: a target, a mode and a number of concurrent keep-alive connections. */
public record Cell(Target target, Mode mode, int connections) {

    @Override
    public String toString() {
        return target.label() + " " + mode.label() + " c=" + connections;
    }
}
