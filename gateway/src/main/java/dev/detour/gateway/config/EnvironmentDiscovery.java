package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a configuration with no file: a provider for each account the usual environment variables reveal, a
 * route per model, and a {@code default} route across what was found. Notes name variables, never their values.
 */
final class EnvironmentDiscovery {

    static final String SOURCE = "environment";
    static final String DEFAULT_ROUTE = "default";

    private final BuiltInDefaults defaults;

    EnvironmentDiscovery(BuiltInDefaults defaults) {
        this.defaults = defaults;
    }

    LoadedConfig discover(Map<String, String> env) {
        Problems problems = new Problems(SOURCE);
        List<String> notes = new ArrayList<>();
        notes.add("no config file: providers found from environment variables");
        List<ProviderConfig> providers = new ArrayList<>();
        List<String> found = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        List<String> lookedFor = new ArrayList<>();
        for (ProviderPreset preset : defaults.presets()) {
            List<String> signals = preset.apiKeyVariables().isEmpty() && preset.baseUrlVariable() != null
                    ? List.of(preset.baseUrlVariable()) : preset.apiKeyVariables();
            lookedFor.addAll(signals);
            String signal = signals.stream().filter(v -> isSet(env, v)).findFirst().orElse(null);
            signals.stream().filter(v -> env.containsKey(v) && !isSet(env, v)).forEach(empty::add);
            if (signal == null) {
                continue;
            }
            List<String> used = new ArrayList<>(List.of(signal));
            String baseUrl = baseUrl(preset, env, problems, used);
            String apiKey = preset.apiKeyVariables().isEmpty() ? null : env.get(signal).trim();
            providers.add(new ProviderConfig(preset.name(), preset.kind(), baseUrl, apiKey, Map.of(), null,
                    preset.models()));
            found.add(preset.name() + " (" + String.join(", ", used) + ")");
        }
        problems.throwIfAny();

        if (found.isEmpty()) {
            notes.add("no provider found (looked for " + String.join(", ", lookedFor)
                    + "): no route can answer yet; set one of them or write a detour.yaml");
        } else {
            notes.add("found " + String.join(", ", found));
        }
        empty.forEach(variable -> notes.add(variable + " is set but empty: ignored"));

        List<RouteConfig> routes = new ArrayList<>(ModelRoutes.onePerModel(providers));
        RouteConfig defaultRoute = defaultRoute(providers);
        if (defaultRoute != null) {
            routes.addFirst(defaultRoute);
            notes.add("route 'default': " + describe(defaultRoute));
        }
        if (!providers.isEmpty()) {
            notes.add((routes.size() - (defaultRoute == null ? 0 : 1)) + " routes named after their models");
        }
        notes.add("semantic cache on (" + CacheConfig.DEFAULTS.embeddingModel() + ", trained verifier), files under "
                + ServerConfig.DEFAULTS.dataDir().resolve("cache"));
        return new LoadedConfig(new DetourConfig(ServerConfig.DEFAULTS, providers, routes)
                .withLocal(localModels(notes)).withCache(CacheConfig.DEFAULTS), notes);
    }

    /** Local models in models/ are served without a file too; the first (by name) is every route's last resort. */
    private static LocalConfig localModels(List<String> notes) {
        Map<String, java.nio.file.Path> models = LocalModelDirs.find(LocalConfigReader.DEFAULT_MODELS_DIR);
        if (models.isEmpty()) {
            return LocalConfig.NONE;
        }
        String lastResort = models.keySet().iterator().next();
        notes.add("local models: " + String.join(", ", models.keySet()) + "; " + LocalConfig.PROVIDER + "/" + lastResort
                + " is every route's last resort");
        LocalConfig d = LocalConfig.NONE;
        return new LocalConfig(models, lastResort, d.tierTimeout(), d.intraOpThreads(), d.interOpThreads(),
                d.maxConcurrent(), d.maxQueued(), d.maxWait(), d.timeout());
    }

    private String baseUrl(ProviderPreset preset, Map<String, String> env, Problems problems, List<String> used) {
        String variable = preset.baseUrlVariable();
        if (variable == null || !isSet(env, variable)) {
            return preset.baseUrl() != null ? preset.baseUrl() : defaults.baseUrl(preset.kind());
        }
        if (!used.contains(variable)) {
            used.add(variable);
        }
        String url = env.get(variable).trim();
        if (preset.kind() == ProviderKind.OLLAMA) {
            try {
                url = OllamaHost.toBaseUrl(url);
            } catch (IllegalArgumentException e) {
                problems.add(null, variable, e.getMessage());
                return null;
            }
        }
        String problem = HttpUrls.problem(url);
        if (problem != null) {
            problems.add(null, variable, problem);
            return null;
        }
        return HttpUrls.withoutTrailingSlash(url);
    }

    /** The built-in default route's tiers, keeping only the providers found; empty tiers disappear. */
    private RouteConfig defaultRoute(List<ProviderConfig> providers) {
        Set<String> names = providers.stream().map(ProviderConfig::name).collect(Collectors.toSet());
        List<TierConfig> tiers = new ArrayList<>();
        for (List<DeploymentId> builtInTier : defaults.defaultRoute()) {
            List<DeploymentId> targets = builtInTier.stream().filter(t -> names.contains(t.provider())).toList();
            if (!targets.isEmpty()) {
                tiers.add(new TierConfig(targets, TierTimeouts.defaultFor(tiers.size())));
            }
        }
        return tiers.isEmpty() ? null : new RouteConfig(DEFAULT_ROUTE, tiers);
    }

    private static String describe(RouteConfig route) {
        return route.tiers().stream()
                .map(tier -> tier.targets().stream().map(DeploymentId::toString).collect(Collectors.joining(", "))
                        + " (" + Durations.format(tier.timeout()) + ")")
                .collect(Collectors.joining(", then "));
    }

    private static boolean isSet(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }
}
