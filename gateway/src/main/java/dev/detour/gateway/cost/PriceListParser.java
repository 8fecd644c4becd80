package dev.detour.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.providers.DeploymentId;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a JSON price list:
 * <pre>{"prices": [{"provider": "openai", "model": "gpt-4o-mini", "input": 0.15, "output": 0.6, "cached_input": 0.075}, ...]}</pre>
 * USD per million tokens; {@code provider} may be left out (the price then applies to that model at every
 * provider) and {@code cached_input} too (then it is {@code input}). A list with any bad entry is refused whole,
 * so a half-broken file never replaces good prices.
 */
final class PriceListParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    PriceBook parse(byte[] body, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable: " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("prices");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("expected an object with a \"prices\" array");
        }
        Map<DeploymentId, Price> byDeployment = new HashMap<>();
        Map<String, Price> byModel = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String where = "prices[" + i + "]";
            String model = text(entry, "model", where, true);
            String provider = text(entry, "provider", where, false);
            double input = number(entry, "input", where, null);
            double output = number(entry, "output", where, null);
            double cached = number(entry, "cached_input", where, input);
            Price price = new Price(input, output, cached);
            Price clash = provider == null ? byModel.put(model, price)
                    : byDeployment.put(new DeploymentId(provider, model), price);
            if (clash != null) {
                throw new IllegalArgumentException(where + ": " + (provider == null ? model : provider + "/" + model)
                        + " is listed twice");
            }
        }
        return new PriceBook(byDeployment, byModel, source, Instant.now());
    }

    private static String text(JsonNode entry, String key, String where, boolean required) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": missing \"" + key + "\"");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(where + "." + key + ": expected a non-empty string");
        }
        return value.textValue();
    }

    private static double number(JsonNode entry, String key, String where, Double fallback) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException(where + ": missing \"" + key + "\" (USD per million tokens)");
            }
            return fallback;
        }
        if (!value.isNumber() || value.doubleValue() < 0 || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException(where + "." + key + ": expected a number >= 0, got " + value);
        }
        return value.doubleValue();
    }
}
