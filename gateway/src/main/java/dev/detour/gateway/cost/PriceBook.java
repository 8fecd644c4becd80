package dev.detour.gateway.cost;

import dev.detour.gateway.providers.DeploymentId;

import java.time.Instant;
import java.util.Map;

/**
 * One immutable set of prices: per deployment ({@code provider/model}) first, then per model name at any provider,
 * then the configured price. {@code loadedFrom} and {@code loadedAt} say which source produced it.
 */
public record PriceBook(Map<DeploymentId, Price> byDeployment, Map<String, Price> byModel, String loadedFrom,
                        Instant loadedAt) {

    public PriceBook {
        byDeployment = Map.copyOf(byDeployment);
        byModel = Map.copyOf(byModel);
    }

    public static PriceBook empty() {
        return new PriceBook(Map.of(), Map.of(), null, null);
    }

    /** The listed price of a deployment, or null when this book does not list it. */
    public Price find(DeploymentId id) {
        Price price = byDeployment.get(id);
        return price != null ? price : byModel.get(id.model());
    }

    public int size() {
        return byDeployment.size() + byModel.size();
    }
}
