package dev.detour.gateway.cache;

import dev.detour.cache.CacheSettings;
import dev.detour.cache.SemanticCache;
import dev.detour.cache.embed.Embedder;
import dev.detour.cache.embed.EmbeddingModelChoice;
import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.cache.lookup.SimilarityThreshold;
import dev.detour.cache.policy.AdmissionRules;
import dev.detour.cache.policy.TimeSensitivity;
import dev.detour.cache.verify.HitVerifier;
import dev.detour.cache.verify.HitVerifiers;
import dev.detour.gateway.config.CacheConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's semantic cache, or its absence (the {@code cache:} section is missing or says {@code enabled:
 * false}): the cache, the tenant every request belongs to until gateway keys exist, and the embedder if the gateway
 * loaded it itself (and so must close it).
 */
public final class GatewayCache implements AutoCloseable {

    /** How often hit statistics and index changes are committed to disk. */
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);

    private final SemanticCache cache;
    private final String tenant;
    private final Embedder embedder;
    private final OnnxEmbedder ownedEmbedder;

    private GatewayCache(SemanticCache cache, String tenant, Embedder embedder, OnnxEmbedder ownedEmbedder) {
        this.cache = cache;
        this.tenant = tenant;
        this.embedder = embedder;
        this.ownedEmbedder = ownedEmbedder;
    }

    public static GatewayCache disabled() {
        return new GatewayCache(null, null, null, null);
    }

    /**
     * Opens the cache under {@code dataDir/cache}. {@code embedders} gives the embedder for the configured model;
     * null loads the in-process ONNX model (which this cache then owns and closes).
     */
    public static GatewayCache open(CacheConfig config, Path dataDir, Function<String, Embedder> embedders) {
        if (!config.enabled()) {
            return disabled();
        }
        OnnxEmbedder owned = null;
        Embedder embedder;
        if (embedders == null) {
            EmbeddingModelChoice choice = EmbeddingModelChoice.byConfigName(config.embeddingModel())
                    .orElseThrow(() -> new IllegalArgumentException("unknown embedding model "
                            + config.embeddingModel()));
            owned = OnnxEmbedder.load(choice);
            embedder = owned;
        } else {
            embedder = embedders.apply(config.embeddingModel());
        }
        try {
            CacheSettings settings = new CacheSettings(dataDir.resolve("cache"), config.threshold(), config.ttl(),
                    config.maxEntries(), config.candidates(), config.lookupTimeout(), COMMIT_INTERVAL, rules(config),
                    config.hotEntryBytes());
            HitVerifier verifier = verifier(config);
            return new GatewayCache(SemanticCache.open(settings, embedder, verifier, Clock.systemUTC()),
                    config.tenant(), embedder, owned);
        } catch (RuntimeException e) {
            if (owned != null) {
                owned.close();
            }
            throw e;
        }
    }

    /**
     * The second opinion on every candidate above the threshold. Cosine alone serves wrong answers (QQP at 0.92:
     * precision ~0.8), so the default is the trained verifier: the false-hit guard, then a model with its own,
     * stricter cosine floor (benchmarks/README.md, "Semantic cache quality").
     */
    private static HitVerifier verifier(CacheConfig config) {
        return switch (config.verifier()) {
            case CacheConfig.COSINE_VERIFIER -> new SimilarityThreshold(config.threshold());
            case CacheConfig.TRAINED_VERIFIER -> HitVerifiers.standard(config.embeddingModel());
            default -> throw new IllegalArgumentException("unknown verifier " + config.verifier());
        };
    }

    private static AdmissionRules rules(CacheConfig config) {
        CacheConfig.TimeSensitiveRule rule = config.timeSensitive();
        TimeSensitivity.Action action = TimeSensitivity.Action.valueOf(rule.action().toUpperCase(Locale.ROOT));
        return new AdmissionRules(config.maxTemperature(), new TimeSensitivity(action, rule.ttl(), rule.phrases()));
    }

    public boolean enabled() {
        return cache != null;
    }

    /** The cache itself; only when {@link #enabled()}. */
    public SemanticCache semantic() {
        if (cache == null) {
            throw new IllegalStateException("the cache is off");
        }
        return cache;
    }

    /** The loaded embedder, when the cache is on: consensus compares answers with it. Closed with this cache. */
    public Optional<Embedder> embedder() {
        return Optional.ofNullable(embedder);
    }

    public String tenant() {
        return tenant;
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
        if (ownedEmbedder != null) {
            ownedEmbedder.close();
        }
    }
}
