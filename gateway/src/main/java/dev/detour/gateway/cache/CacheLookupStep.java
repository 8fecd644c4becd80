package dev.detour.gateway.cache;

import dev.detour.cache.lookup.LookupOptions;
import dev.detour.cache.lookup.LookupResult;
import dev.detour.cache.request.CacheRequest;
import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.wire.ChatCompletionRequest;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Optional;

/**
 * The cache step before routing: exact key, then semantic match in the request's partition. A hit is answered here
 * (JSON, or replayed as SSE); a miss says so in {@code x-detour-cache: miss} and lets the request go on, unless the
 * client asked for {@code only}, which gets a 504 (HTTP's answer to only-if-cached when nothing is cached).
 */
public final class CacheLookupStep {

    private final GatewayCache cache;
    private final CacheRequestMapper mapper;
    private final CachedReplay replay;

    public CacheLookupStep(GatewayCache cache, CacheRequestMapper mapper, CachedReplay replay) {
        this.cache = cache;
        this.mapper = mapper;
        this.replay = replay;
    }

    public CacheTicket lookup(Context ctx, Route route, ChatCompletionRequest request) throws IOException {
        if (!cache.enabled()) {
            if (CacheControls.from(ctx).mode() == CacheMode.ONLY) {
                throw new ApiException(504, "cache_miss", "cache_miss", null,
                        "x-detour-cache: only asks for a cached answer, and the cache is off");
            }
            return CacheTicket.NONE;
        }
        CacheControls controls = CacheControls.from(ctx);
        long removalMark = cache.semantic().removalMark();
        Optional<CacheRequest> described = mapper.describe(cache.tenant(), route.name(), request);
        if (described.isEmpty() || !controls.mayLookUp()) {
            return miss(ctx, controls, new CacheTicket(described.orElse(null), controls, null, null, removalMark));
        }
        LookupResult result = cache.semantic().lookup(described.get(),
                new LookupOptions(controls.threshold(), false));
        return switch (result) {
            case LookupResult.Hit hit -> {
                replay.respond(ctx, route, request, hit);
                yield new CacheTicket(described.get(), controls, null, hit, removalMark);
            }
            case LookupResult.Miss miss ->
                    miss(ctx, controls, new CacheTicket(described.get(), controls, miss.queryVector(), null,
                            removalMark));
        };
    }

    private static CacheTicket miss(Context ctx, CacheControls controls, CacheTicket ticket) {
        ctx.header(CacheHeaders.CACHE, "miss");
        if (controls.mode() == CacheMode.ONLY) {
            throw new ApiException(504, "cache_miss", "cache_miss", null,
                    "no cached answer for this request, and x-detour-cache: only forbids asking a provider");
        }
        return ticket;
    }
}
