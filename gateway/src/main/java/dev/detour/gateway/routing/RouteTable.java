package dev.detour.gateway.routing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The routes clients may name, looked up by the request's {@code model}; immutable once built. */
public final class RouteTable {

    private final Map<String, Route> byName;
    private final List<Route> inOrder;

    public RouteTable(Collection<Route> routes) {
        Map<String, Route> map = new LinkedHashMap<>();
        routes.forEach(route -> map.putIfAbsent(route.name(), route));
        this.inOrder = List.copyOf(map.values());
        this.byName = Map.copyOf(map);
    }

    public Optional<Route> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** All routes, in the order they were configured. */
    public List<Route> all() {
        return inOrder;
    }
}
