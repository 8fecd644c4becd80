package dev.detour.gateway.cache;

import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.config.Durations;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Locale;

/**
 * The cache controls of one request, from its headers: the mode ({@code x-detour-cache}, or {@code Cache-Control:
 * no-cache} = refresh, {@code only-if-cached} = only), {@code Cache-Control: no-store} (look up, never store), a TTL
 * override and a stricter threshold. A malformed value is the client's mistake: a 400 naming the header.
 */
public record CacheControls(CacheMode mode, boolean noStore, Duration ttl, Double threshold) {

    public static CacheControls from(Context ctx) {
        CacheMode mode = CacheMode.NORMAL;
        boolean noStore = false;
        String cacheControl = ctx.header("Cache-Control");
        if (cacheControl != null) {
            for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
                switch (directive.trim()) {
                    case "no-store" -> noStore = true;
                    case "no-cache" -> mode = CacheMode.REFRESH;
                    case "only-if-cached" -> mode = CacheMode.ONLY;
                    default -> {
                        // Other directives (max-age...) say nothing this cache acts on.
                    }
                }
            }
        }
        String modeHeader = ctx.header(CacheHeaders.CACHE);
        if (modeHeader != null && !modeHeader.isBlank()) {
            mode = switch (modeHeader.trim().toLowerCase(Locale.ROOT)) {
                case "bypass" -> CacheMode.BYPASS;
                case "refresh" -> CacheMode.REFRESH;
                case "only" -> CacheMode.ONLY;
                default -> throw bad(CacheHeaders.CACHE, "must be bypass, refresh or only, got '"
                        + modeHeader.trim() + "'");
            };
        }
        return new CacheControls(mode, noStore, ttl(ctx.header(CacheHeaders.TTL)),
                threshold(ctx.header(CacheHeaders.THRESHOLD)));
    }

    public boolean mayLookUp() {
        return mode == CacheMode.NORMAL || mode == CacheMode.ONLY;
    }

    public boolean mayStore() {
        return !noStore && (mode == CacheMode.NORMAL || mode == CacheMode.REFRESH);
    }

    private static Duration ttl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Duration ttl;
        try {
            ttl = v.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(v)) : Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw bad(CacheHeaders.TTL, "expected seconds or a duration such as 90s, 10m or 2h, got '" + v + "'");
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw bad(CacheHeaders.TTL, "must be more than 0, got '" + v + "'");
        }
        return ttl;
    }

    private static Double threshold(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double t = Double.parseDouble(value.trim());
            if (t > 0 && t <= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(CacheHeaders.THRESHOLD, "expected a cosine similarity above 0 and at most 1, got '"
                + value.trim() + "'");
    }

    private static ApiException bad(String header, String message) {
        return new ApiException(400, "invalid_request_error", "invalid_header", header,
                "invalid header " + header + ": " + message);
    }
}
