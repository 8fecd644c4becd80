package dev.detour.gateway.cost;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.PricesConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.DeploymentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The prices in force: the price source's list over the configured ones. The source is re-read on a schedule and on
 * demand; a source that fails (missing, unreachable, malformed) leaves the last good list in place, and the failure
 * is logged and returned. Readers see one immutable {@link PriceBook} at a time: no lock on the request path.
 */
public final class PriceList implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PriceList.class);

    private final Map<DeploymentId, Price> configured;
    private final PriceSource source;
    private final PriceListParser parser = new PriceListParser();
    private final AtomicReference<PriceBook> current = new AtomicReference<>(PriceBook.empty());
    private final ScheduledExecutorService refresher;

    public PriceList(DetourConfig config) {
        this.configured = configuredPrices(config);
        PricesConfig prices = config.prices();
        this.source = prices.source() == null ? null : new PriceSource(prices.source());
        if (source == null) {
            refresher = null;
            return;
        }
        reload();
        refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("detour-price-refresh").daemon().factory());
        long every = prices.refresh().toMillis();
        refresher.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
    }

    /** The price of a deployment: the source's, else the configured one, else free. */
    public Price priceOf(DeploymentId id) {
        Price listed = current.get().find(id);
        if (listed != null) {
            return listed;
        }
        Price price = configured.get(id);
        return price == null ? Price.FREE : price;
    }

    /** Reads the source now; on failure the prices in force stay as they are. */
    public PriceReload reload() {
        if (source == null) {
            return new PriceReload(false, null, 0, null, "no price source is configured (prices.source)");
        }
        try {
            PriceBook book = parser.parse(source.fetch(), source.location());
            current.set(book);
            log.info("prices: {} entries from {}", book.size(), source.location());
            return new PriceReload(true, source.location(), book.size(), book.loadedAt(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        } catch (Exception e) {
            return failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private PriceReload failed(String why) {
        PriceBook kept = current.get();
        log.warn("prices: cannot read {} ({}); keeping {}", source.location(), why,
                kept.loadedAt() == null ? "the configured prices" : "the list loaded at " + kept.loadedAt());
        return new PriceReload(false, source.location(), kept.size(), kept.loadedAt(), why);
    }

    private static Map<DeploymentId, Price> configuredPrices(DetourConfig config) {
        Map<DeploymentId, Price> prices = new HashMap<>();
        for (ProviderConfig provider : config.providers()) {
            for (ModelConfig model : provider.models()) {
                prices.put(new DeploymentId(provider.name(), model.name()), new Price(model.inputPricePerMillion(),
                        model.outputPricePerMillion(), model.cachedInputPricePerMillion()));
            }
        }
        return Map.copyOf(prices);
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
