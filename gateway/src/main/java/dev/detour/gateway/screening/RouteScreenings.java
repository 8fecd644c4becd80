package dev.detour.gateway.screening;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RouteScreening;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Each configured route's screening settings; a directly addressed {@code provider/model} gets the defaults. */
public final class RouteScreenings {

    private final Map<String, RouteScreening> byRoute;

    public RouteScreenings(Map<String, RouteScreening> byRoute) {
        this.byRoute = Map.copyOf(byRoute);
    }

    public static RouteScreenings from(DetourConfig config) {
        Map<String, RouteScreening> map = new HashMap<>();
        for (RouteConfig route : config.routes()) {
            map.putIfAbsent(route.name(), route.screening());
        }
        return new RouteScreenings(map);
    }

    public RouteScreening of(String route) {
        return byRoute.getOrDefault(route, RouteScreening.DEFAULTS);
    }

    /** Every language some route requires its candidates to declare. */
    public Set<String> requiredLanguages() {
        Set<String> all = new HashSet<>();
        byRoute.values().forEach(s -> all.addAll(s.languagesRequired()));
        return all;
    }
}
