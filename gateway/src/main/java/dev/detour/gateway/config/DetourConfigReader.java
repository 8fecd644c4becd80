package dev.detour.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the text of a detour.yaml into a validated {@link DetourConfig}, reporting every problem at once. */
final class DetourConfigReader {

    static final List<String> KEYS = List.of("server", "providers", "routes", "routing", "prices", "idempotency",
            "local", "cache");

    private final Map<String, String> env;
    private final BuiltInDefaults defaults;

    DetourConfigReader(Map<String, String> env, BuiltInDefaults defaults) {
        this.env = env;
        this.defaults = defaults;
    }

    /** @param source how the text is named in messages, usually the file's path */
    LoadedConfig read(String text, String source) {
        Problems problems = new Problems(source);
        FieldReader reader = new FieldReader(problems, new EnvInterpolator(env));
        List<String> notes = new ArrayList<>();
        YamlNode root = new YamlTreeReader(problems).read(text);
        var sections = reader.mapping(Field.root(root), KEYS);
        if (sections == null) {
            problems.throwIfAny(); // the file is not a mapping (already reported): nothing more to read
        }
        ServerConfig server = new ServerConfigReader(reader).read(sections.get("server"));

        KnownDeployments known = new KnownDeployments();
        Field providersField = sections.get("providers");
        List<ProviderConfig> providers = providersField == null ? List.of()
                : new ProviderConfigReader(reader, problems, defaults, notes).readAll(providersField, known);
        if (providersField == null || providersField.isAbsent()) {
            notes.add("no providers configured: no route can answer yet");
        }

        LocalConfig local = new LocalConfigReader(reader, notes).read(sections.get("local"), known);

        Field routesField = sections.get("routes");
        List<RouteConfig> routes;
        if (routesField == null) {
            routes = ModelRoutes.onePerModel(providers);
            notes.add("no routes section: one route per model name (" + routes.size() + " routes)");
        } else {
            routes = new RouteConfigReader(reader, problems, known).readAll(routesField);
        }
        RoutingConfig routing = new RoutingConfigReader(reader).read(sections.get("routing"));
        PricesConfig prices = new PricesConfigReader(reader).read(sections.get("prices"));
        IdempotencyConfig idempotency = new IdempotencyConfigReader(reader).read(sections.get("idempotency"));
        CacheConfig cache = new CacheConfigReader(reader).read(sections.get("cache"));
        problems.throwIfAny();
        return new LoadedConfig(new DetourConfig(server, providers, routes, routing, prices, idempotency, local, cache),
                notes);
    }
}
