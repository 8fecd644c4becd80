package dev.detour.gateway.server;

import dev.detour.cache.embed.Embedder;
import dev.detour.gateway.admin.AdminEndpoints;
import dev.detour.gateway.admin.DashboardEndpoint;
import dev.detour.gateway.admin.PricesAdminEndpoint;
import dev.detour.gateway.admin.UsageAdminEndpoint;
import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.api.ChatCompletionsEndpoint;
import dev.detour.gateway.api.ClientGone;
import dev.detour.gateway.api.DetourHeaders;
import dev.detour.gateway.api.EmbeddingsEndpoint;
import dev.detour.gateway.api.HealthEndpoints;
import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.api.ModelsEndpoint;
import dev.detour.gateway.api.RequestBody;
import dev.detour.gateway.api.RequestIds;
import dev.detour.gateway.api.RoutingErrorHandler;
import dev.detour.gateway.cache.CacheAdminEndpoints;
import dev.detour.gateway.cache.CacheLookupStep;
import dev.detour.gateway.cache.CacheRequestMapper;
import dev.detour.gateway.cache.CacheStoreStep;
import dev.detour.gateway.cache.CachedReplay;
import dev.detour.gateway.cache.GatewayCache;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.TierTimeouts;
import dev.detour.gateway.cost.Price;
import dev.detour.gateway.cost.PriceList;
import dev.detour.gateway.events.FailoverEventLog;
import dev.detour.gateway.health.ActiveChecks;
import dev.detour.gateway.health.HealthMonitor;
import dev.detour.gateway.health.HealthPolicy;
import dev.detour.gateway.idempotency.IdempotencyStore;
import dev.detour.gateway.language.PromptLanguageDetector;
import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.EmbeddingDeployment;
import dev.detour.gateway.providers.DeploymentFactory;
import dev.detour.gateway.providers.local.LocalModels;
import dev.detour.gateway.records.RecordsDatabase;
import dev.detour.gateway.routing.CandidatePlanner;
import dev.detour.gateway.routing.Deployments;
import dev.detour.gateway.routing.FailoverExecutor;
import dev.detour.gateway.routing.RouteTable;
import dev.detour.gateway.routing.RoutingException;
import dev.detour.gateway.routing.RoutingLimits;
import dev.detour.gateway.consensus.ConsensusMode;
import dev.detour.gateway.screening.DeploymentProfiles;
import dev.detour.gateway.screening.RequestScreener;
import dev.detour.gateway.screening.RouteScreenings;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.usage.UsageLedger;
import dev.detour.gateway.usage.UsageMeter;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** One running gateway: the configuration wired into deployments, routes and the HTTP API. */
public final class DetourServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetourServer.class);

    /** An active check: the shortest chat request there is, asking for one token. */
    private static final ChatCompletionRequest CHECK_REQUEST = new ChatCompletionRequest(null,
            List.of(ChatMessage.user("ping")), null, null, null, null, 1, null, null, null, null, null, null, null,
            null, null, null, null, null);

    /** How long a request with a repeated Idempotency-Key waits for the first one to be answered. */
    static final Duration IDEMPOTENT_WAIT_LIMIT = Duration.ofMinutes(5);

    private final Javalin app;
    /** The durable records (usage ledger, failover events): opened once here, shared by whoever writes records. */
    private final RecordsDatabase records;
    private final UsageLedger ledger;
    private final PriceList prices;
    private final HealthMonitor health;
    private final FailoverEventLog failoverEvents;
    private final FailoverExecutor executor;
    private final AdminEndpoints admin;
    private final ActiveChecks activeChecks;
    private final RouteTable routes;
    private final LocalModels localModels;
    private final GatewayCache cache;

    private DetourServer(DetourConfig config, DeploymentFactory factory, Duration streamIdleLimit,
                         Function<String, Embedder> embedders) {
        JsonCodec json = new JsonCodec();
        RequestBody body = new RequestBody(config.server().maxBodyBytes());
        this.routes = RoutePlan.from(config);
        this.localModels = new LocalModels(config.local());
        Deployments deployments = buildDeployments(config, factory, localModels);
        this.records = RecordsDatabase.open(config.server().dataDir());
        HealthPolicy policy = config.routing().health();
        this.health = new HealthMonitor(policy, deployments.chat().keySet());
        this.failoverEvents = new FailoverEventLog(records);
        this.ledger = new UsageLedger(records);
        this.prices = new PriceList(config);
        this.executor = new FailoverExecutor(health,
                new CandidatePlanner(id -> comparablePrice(prices.priceOf(id)), policy.probeShare()), failoverEvents,
                new RoutingLimits(config.routing().requestTimeout(), streamIdleLimit));
        this.activeChecks = policy.activeChecks() ? new ActiveChecks(health, externalChatDeployments(deployments),
                id -> deployments.chat(id).complete(CHECK_REQUEST), policy.activeCheckInterval(),
                TierTimeouts.LATER_TIERS) : null;
        this.admin = new AdminEndpoints(health, failoverEvents);
        this.cache = GatewayCache.open(config.cache(), config.server().dataDir(), embedders);
        RequestScreener screener = screener(config, prices, localModels);
        ChatCompletionsEndpoint chat = new ChatCompletionsEndpoint(body, json, routes, deployments, executor,
                new IdempotencyStore(config.idempotency(), IDEMPOTENT_WAIT_LIMIT), screener,
                new UsageMeter(prices, screener.tokens(), ledger),
                new CacheLookupStep(cache, new CacheRequestMapper(json.mapper()),
                        new CachedReplay(json, config.cache().readyAnswerBytes())),
                new CacheStoreStep(cache, json), ConsensusMode.from(config, executor, cache.embedder()));
        CacheAdminEndpoints cacheAdmin = new CacheAdminEndpoints(cache, json);
        UsageAdminEndpoint usage = new UsageAdminEndpoint(ledger, json);
        PricesAdminEndpoint priceAdmin = new PricesAdminEndpoint(prices, json);
        EmbeddingsEndpoint embeddings = new EmbeddingsEndpoint(body, json, routes, deployments, executor);
        ModelsEndpoint models = new ModelsEndpoint(routes, json);
        HealthEndpoints healthEndpoints = new HealthEndpoints(routes, json);
        RoutingErrorHandler errors = new RoutingErrorHandler(json);
        DashboardEndpoint dashboard = new DashboardEndpoint();

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
            javalin.routes.get("/healthz", healthEndpoints::live);
            javalin.routes.get("/readyz", healthEndpoints::ready);
            javalin.routes.get("/admin/health", admin::health);
            javalin.routes.get("/admin/health/stream", admin::healthStream);
            javalin.routes.get("/admin/events", admin::events);
            javalin.routes.get("/admin/usage", usage::handle);
            javalin.routes.post("/admin/prices/reload", priceAdmin::reload);
            javalin.routes.get("/admin/cache", cacheAdmin::stats);
            javalin.routes.delete("/admin/cache", cacheAdmin::purge);
            javalin.routes.post("/admin/cache/invalidate", cacheAdmin::invalidate);
            javalin.routes.get("/dashboard", dashboard::handle);
            javalin.routes.exception(ApiException.class, errors::api);
            javalin.routes.exception(RoutingException.class, errors::routing);
            javalin.routes.exception(ClientGone.class, errors::clientGone);
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
        return start(config, factory, config.routing().idleTimeout());
    }

    public static DetourServer start(DetourConfig config, DeploymentFactory factory, Duration streamIdleLimit) {
        return start(config, factory, streamIdleLimit, null);
    }

    /**
     * As above, with the cache's embedder given by {@code embedders} (model name to embedder; tests share one loaded
     * model, or inject a fault in front of it); null loads the configured in-process model.
     */
    public static DetourServer start(DetourConfig config, DeploymentFactory factory, Duration streamIdleLimit,
                                     Function<String, Embedder> embedders) {
        DetourServer server = new DetourServer(config, factory, streamIdleLimit, embedders);
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

    /** The live health of every deployment (tests reset it between cases; the admin API shows it). */
    public HealthMonitor health() {
        return health;
    }

    /** The durable records (failover events, the usage ledger): one shared SQLite database per gateway. */
    public RecordsDatabase records() {
        return records;
    }

    public FailoverEventLog failoverEvents() {
        return failoverEvents;
    }

    /** What cheapest-first compares: input plus output price (USD per million tokens), read from the live price list. */
    private static double comparablePrice(Price price) {
        return price.inputPerMillion() + price.outputPerMillion();
    }

    /** Token counting, profiles and (only when some route routes by language) the language detector. */
    private static RequestScreener screener(DetourConfig config, PriceList prices, LocalModels local) {
        RouteScreenings screenings = RouteScreenings.from(config);
        DeploymentProfiles profiles = DeploymentProfiles.from(config, local.contextWindows());
        Set<String> required = screenings.requiredLanguages();
        PromptLanguageDetector languages = null;
        if (!required.isEmpty()) {
            Set<String> named = new HashSet<>(required);
            named.addAll(profiles.declaredLanguages());
            languages = new PromptLanguageDetector(named);
        }
        return new RequestScreener(TokenCounter.shared(), profiles, screenings, prices, languages);
    }

    /** The deployments an active check may call: a local model is always there, checking it only costs CPU. */
    private static List<DeploymentId> externalChatDeployments(Deployments deployments) {
        return deployments.chat().keySet().stream().filter(id -> !id.isLocal()).toList();
    }

    private static Deployments buildDeployments(DetourConfig config, DeploymentFactory factory, LocalModels local) {
        Map<DeploymentId, ChatDeployment> chat = new HashMap<>(local.deployments());
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
        admin.close();
        if (activeChecks != null) {
            activeChecks.close();
        }
        app.stop();
        executor.close();
        health.close();
        failoverEvents.close();
        prices.close();
        ledger.close();
        records.close();
        localModels.close();
        cache.close();
    }
}
