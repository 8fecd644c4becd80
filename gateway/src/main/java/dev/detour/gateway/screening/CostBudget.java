package dev.detour.gateway.screening;

import dev.detour.gateway.api.ApiException;

/**
 * The most one request may cost, in USD: the client's {@code x-detour-max-cost-usd} header and the route's
 * {@code max_cost_usd}, whichever is lower (the route's is the operator's ceiling; a client can only lower it).
 */
public final class CostBudget {

    public static final String HEADER = "x-detour-max-cost-usd";

    private CostBudget() {
    }

    /** The budget, or null when neither sets one. */
    public static Double of(String header, Double routeDefault) {
        Double client = parse(header);
        if (client == null) {
            return routeDefault;
        }
        return routeDefault == null ? client : Math.min(client, routeDefault);
    }

    private static Double parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(header.trim());
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("invalid_value", HEADER,
                "the " + HEADER + " header must be a positive number of US dollars, got '" + header + "'");
    }
}
