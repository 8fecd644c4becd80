package dev.detour.sim;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Simulated LLM providers on one loopback HTTP server: OpenAI (and Mistral), Anthropic, Gemini and Ollama
 * wire protocols, deterministic answers, per-model attempt records and scriptable faults.
 */
public final class ProviderSim implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderSim.class);

    private final SimState state;
    private final Javalin app;
    private final List<AutoCloseable> players = new CopyOnWriteArrayList<>();

    private ProviderSim(SimState state, Javalin app) {
        this.state = state;
        this.app = app;
    }

    /** Starts a sim on 127.0.0.1 on an ephemeral port. */
    public static ProviderSim start() {
        return start(0);
    }

    /** Starts a sim on 127.0.0.1:{@code port} (0 = ephemeral). */
    public static ProviderSim start(int port) {
        SimState state = new SimState();
        Exchange exchange = new Exchange(state);
        ModelNames names = new ModelNames(state);
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.maxRequestSize = 64L * 1024 * 1024; // base64 images make big but legitimate requests
            cfg.router.ignoreTrailingSlashes = true;
            cfg.router.treatMultipleSlashesAsSingleSlash = true; // base URLs ending in "/" give "//v1/..."
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            new OpenAiRoutes(state, exchange, names).register(cfg.routes);
            new AnthropicRoutes(state, exchange).register(cfg.routes);
            new GeminiRoutes(state, exchange, names).register(cfg.routes);
            new OllamaRoutes(exchange, names).register(cfg.routes);
            new AdminRoutes(state).register(cfg.routes);
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("provider-sim failed on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", Map.of("message", "provider-sim internal error: " + e)));
            });
        });
        app.start();
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc) {
                // Hang and stall hold a silent connection for minutes; Jetty's idle timeout must not end it first.
                sc.setIdleTimeout(Fault.HOLD_LIMIT.toMillis() + 60_000);
            }
        }
        return new ProviderSim(state, app);
    }

    public int port() {
        return app.port();
    }

    /** "http://127.0.0.1:PORT", without a trailing slash or version prefix. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Installs {@code fault} for every request to upstream model {@code model}, replacing its previous fault. */
    public ProviderSim fault(String model, Fault fault) {
        state.faults.set(Objects.requireNonNull(model, "model"), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    public void clearFault(String model) {
        state.faults.clear(model);
    }

    /** Clears {@code model}'s fault only if it is still {@code fault} (a schedule ending must not clear a newer one). */
    public void clearFaultIf(String model, Fault fault) {
        state.faults.clearIf(model, fault);
    }

    public void clearFaults() {
        state.faults.clearAll();
    }

    /** The faults installed now, by model. */
    public Map<String, Fault> faults() {
        return state.faults.snapshot();
    }

    /** Every request that reached {@code model}, oldest first. */
    public List<Attempt> attempts(String model) {
        return state.attempts.attempts(model);
    }

    public int attemptCount(String model) {
        return state.attempts.count(model);
    }

    /** Attempt counts for every model seen. */
    public Map<String, Integer> attemptCounts() {
        return state.attempts.counts();
    }

    /** Requests currently held open by hang or stall faults. */
    int heldRequests() {
        return state.held.get();
    }

    /** Settings for one model (context window). */
    public SimModel model(String name) {
        return new SimModel(state, Objects.requireNonNull(name, "name"));
    }

    /** Starts playing {@code scenario} now; the returned player (also stopped by {@link #close()}) ends its schedule. */
    public ScenarioPlayer play(Scenario scenario) {
        ScenarioPlayer player = new ScenarioPlayer(this, scenario);
        players.add(player);
        return player;
    }

    /** Clears faults and attempts (model settings stay). */
    public void reset() {
        state.faults.clearAll();
        state.attempts.clear();
    }

    /** Stops the server; hung, stalled and delayed requests are released and their connections dropped. */
    @Override
    public void close() {
        state.close();
        for (AutoCloseable p : players) {
            try {
                p.close();
            } catch (Exception e) {
                LOG.debug("scenario player close failed", e);
            }
        }
        app.stop();
    }
}
