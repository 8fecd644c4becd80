package dev.detour.sim;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a sim as a process: {@code Main [--port N] [--scenario file.yaml]}. The first line on stdout is
 * "provider-sim listening on http://127.0.0.1:PORT", so scripts can read the address.
 */
public final class Main {

    static final String USAGE = """
            usage: provider-sim [--port N] [--scenario FILE.yaml]
              --port N           port on 127.0.0.1 (default 0 = ephemeral)
              --scenario FILE    YAML scenario: models, faults and their schedule (see README)
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // Quiet by default: a sim under load must not log per request. Set before any logger is created.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "provider-sim-logback.xml");
        }
        ProviderSim sim;
        try {
            sim = launch(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("provider-sim: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (sim == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "provider-sim-shutdown"));
        stopped.await();
    }

    /**
     * Parses {@code args}, starts the sim and its scenario and prints the listening line to {@code out};
     * returns null when only help was asked for. Throws IllegalArgumentException for bad arguments.
     */
    public static ProviderSim launch(String[] args, PrintStream out) throws java.io.IOException {
        int port = 0;
        Path scenarioFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port", "-p" -> port = parsePort(value(args, ++i, "--port"));
                case "--scenario", "-s" -> scenarioFile = Path.of(value(args, ++i, "--scenario"));
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        Scenario scenario = null;
        if (scenarioFile != null) {
            if (!Files.isReadable(scenarioFile)) {
                throw new IllegalArgumentException("cannot read scenario " + scenarioFile);
            }
            scenario = Scenario.load(scenarioFile); // before starting, so a bad file fails fast
        }
        ProviderSim sim = ProviderSim.start(port);
        out.println("provider-sim listening on " + sim.baseUrl());
        if (scenario != null) {
            sim.play(scenario);
            for (Scenario.ModelPlan m : scenario.models()) {
                out.println("  model " + m.name() + (m.fault() != null ? " fault " + m.fault() : "")
                        + (m.schedule().isEmpty() ? "" : " schedule " + m.schedule().size() + " window(s)")
                        + (m.contextWindow() != null ? " contextWindow " + m.contextWindow() : ""));
            }
        }
        out.flush();
        return sim;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be 0..65535: " + s);
        }
    }
}
