package dev.detour.bench;

/**
 * The gateway against the direct path for one mode and connection count, both measured in the same run:
 * throughput ratio (gateway / direct) and the latency the gateway adds at p50 and p99, in microseconds.
 */
record Comparison(Mode mode, int connections, CellResult direct, CellResult gateway) {

    double throughputRatio() {
        double d = direct.load().requestsPerSecond();
        return d == 0 ? 0 : gateway.load().requestsPerSecond() / d;
    }

    double addedP50Micros() {
        return gateway.load().p50Micros() - direct.load().p50Micros();
    }

    double addedP99Micros() {
        return gateway.load().p99Micros() - direct.load().p99Micros();
    }
}
