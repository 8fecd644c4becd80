package dev.detour.gateway.server;

import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.api.ChatCompletionsEndpoint;
import dev.detour.gateway.api.DetourHeaders;
import dev.detour.gateway.api.EmbeddingsEndpoint;
import dev.detour.gateway.api.HealthEndpoints;
import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.api.ModelsEndpoint;
import dev.detour.gateway.api.RequestBody;
import dev.detour.gateway.api.RequestIds;
import dev.detour.gateway.api.RoutingErrorHandler;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.EmbeddingDeployment;
import dev.detour.gateway.providers.DeploymentFactory;
import dev.detour.gateway.routing.Deployments;
import dev.detour.gateway.routing.FailoverExecutor;
import dev.detour.gateway.routing.RouteTable;
import dev.detour.gateway.routing.RoutingException;
import dev.detour.gateway.admin.PricesAdminEndpoint;
import dev.detour.gateway.admin.UsageAdminEndpoint;
import dev.detour.gateway.consensus.ConsensusMode;
import dev.detour.gateway.cost.PriceList;
import dev.detour.gateway.idempotency.IdempotencyStore;
import dev.detour.gateway.language.PromptLanguageDetector;
import dev.detour.gateway.records.RecordsDatabase;
import dev.detour.gateway.screening.DeploymentProfiles;
import dev.detour.gateway.screening.RequestScreener;
import dev.detour.gateway.screening.RouteScreenings;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.usage.UsageLedger;
import dev.detour.gateway.usage.UsageMeter;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

/** One running gateway: the configuration wired into deployments, routes and the HTTP API. */
public final class DetourServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetourServer.class);

    /** How long a started stream may stay silent before it is ended with an error (per-tier limits come later). */
    static final Duration STREAM_IDLE_LIMIT = Duration.ofSeconds(30);

    /** How long a request with a repeated Idempotency-Key waits for the first one to be answered. */
    static final Duration IDEMPOTENT_WAIT_LIMIT = Duration.ofMinutes(5);

    private final Javalin app;
    private final FailoverExecutor executor = new FailoverExecutor();
    private final RouteTable routes;
    /** The durable records (usage ledger, failover events): opened once here, shared by whoever writes records. */
    private final RecordsDatabase records;
    private final UsageLedger ledger;
    private final PriceList prices;

    private DetourServer(DetourConfig config, DeploymentFactory factory, Duration streamIdleLimit) {
        JsonCodec json = new JsonCodec();
        RequestBody body = new RequestBody(config.server().maxBodyBytes());
        this.routes = RoutePlan.from(config);
        this.records = RecordsDatabase.open(config.server().dataDir());
        this.ledger = new UsageLedger(records);
        this.prices = new PriceList(config);
        Deployments deployments = buildDeployments(config, factory);
        RequestScreener screener = screener(config, prices);
        ChatCompletionsEndpoint chat = new ChatCompletionsEndpoint(body, json, routes, deployments, executor,
                streamIdleLimit, new IdempotencyStore(config.idempotency(), IDEMPOTENT_WAIT_LIMIT), screener,
                new UsageMeter(prices, screener.tokens(), ledger), ConsensusMode.from(config, executor));
        UsageAdminEndpoint usage = new UsageAdminEndpoint(ledger, json);
        PricesAdminEndpoint priceAdmin = new PricesAdminEndpoint(prices, json);
        EmbeddingsEndpoint embeddings = new EmbeddingsEndpoint(body, json, routes, deployments, executor);
        ModelsEndpoint models = new ModelsEndpoint(routes, json);
        HealthEndpoints health = new HealthEndpoints(routes, json);
        RoutingErrorHandler errors = new RoutingErrorHandler(json);

        this.app = Javalin.create(javalin -> {
            javalin.concurrency.useVirtualThreads = true;
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.http.compressionStrategy = CompressionStrategy.NONE;
            // RequestBody enforces the configured limit itself, with an OpenAI-shaped 413.
            javalin.http.maxRequestSize = Long.MAX_VALUE;
            javalin.jetty.host = config.server().host();
            javalin.jetty.port = config.server().port();
            javalin.routes.before(ctx -> ctx.header(DetourHeaders.REQUEST_ID,
                    RequestIds.echoOrCreate(ctx.header(DetourHeaders.REQUEST_ID))));
            javalin.routes.post("/v1/chat/completions", chat::handle);
            javalin.routes.post("/v1/embeddings", embeddings::handle);
            javalin.routes.get("/v1/models", models::handle);
            javalin.routes.get("/healthz", health::live);
            javalin.routes.get("/readyz", health::ready);
            javalin.routes.get("/admin/usage", usage::handle);
            javalin.routes.post("/admin/prices/reload", priceAdmin::reload);
            javalin.routes.exception(ApiException.class, errors::api);
            javalin.routes.exception(RoutingException.class, errors::routing);
            javalin.routes.exception(Exception.class, errors::unexpected);
            javalin.routes.error(404, ctx -> {
                // Our own 404s (model_not_found) are already JSON; only Javalin's plain "not found" is replaced.
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    errors.write(ctx, new ApiException(404, "invalid_request_error", "unknown_url", null,
                            "Unknown request URL: " + ctx.method() + " " + ctx.path()));
                }
            });
            javalin.routes.error(405, ctx -> errors.write(ctx, new ApiException(405, "invalid_request_error",
                    "method_not_allowed", null, "Method " + ctx.method() + " is not allowed on " + ctx.path())));
        });
    }

    /** Builds and starts a server; port 0 in the config means an ephemeral port (see {@link #port()}). */
    public static DetourServer start(DetourConfig config, DeploymentFactory factory) {
        return start(config, factory, STREAM_IDLE_LIMIT);
    }

    public static DetourServer start(DetourConfig config, DeploymentFactory factory, Duration streamIdleLimit) {
        DetourServer server = new DetourServer(config, factory, streamIdleLimit);
        server.app.start();
        log.info("Detour listening on http://{}:{} with {} routes", config.server().host(), server.port(),
                server.routes.all().size());
        return server;
    }

    public int port() {
        return app.port();
    }

    public RouteTable routes() {
        return routes;
    }

    /** Token counting, profiles and (only when some route routes by language) the language detector. */
    private static RequestScreener screener(DetourConfig config, PriceList prices) {
        RouteScreenings screenings = RouteScreenings.from(config);
        DeploymentProfiles profiles = DeploymentProfiles.from(config);
        Set<String> required = screenings.requiredLanguages();
        PromptLanguageDetector languages = null;
        if (!required.isEmpty()) {
            Set<String> named = new HashSet<>(required);
            named.addAll(profiles.declaredLanguages());
            languages = new PromptLanguageDetector(named);
        }
        return new RequestScreener(TokenCounter.shared(), profiles, screenings, prices, languages);
    }

    private static Deployments buildDeployments(DetourConfig config, DeploymentFactory factory) {
        Map<DeploymentId, ChatDeployment> chat = new HashMap<>();
        Map<DeploymentId, EmbeddingDeployment> embedding = new HashMap<>();
        for (ProviderConfig provider : config.providers()) {
            for (ModelConfig model : provider.models()) {
                DeploymentId id = new DeploymentId(provider.name(), model.name());
                if (model.embedding()) {
                    factory.embedding(provider, model).ifPresentOrElse(e -> embedding.put(id, e),
                            () -> log.warn("{}: {} has no embedding adapter; it will not serve /v1/embeddings",
                                    id, provider.kind().configName()));
                } else {
                    chat.put(id, factory.chat(provider, model));
                }
            }
        }
        return new Deployments(chat, embedding);
    }

    @Override
    public void close() {
        app.stop();
        executor.close();
        prices.close();
        ledger.close();
        records.close();
    }
}
