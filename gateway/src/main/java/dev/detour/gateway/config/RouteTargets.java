package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;

import java.util.LinkedHashMap;
import java.util.Map;

/** The targets of one route so far: a target listed twice, or chat mixed with embeddings, is a mistake. */
final class RouteTargets {

    private final Map<DeploymentId, String> paths = new LinkedHashMap<>();
    private String firstChat;
    private String firstEmbedding;

    /**
     * Adds a target; returns what is wrong with it, or {@code null}.
     *
     * @param label how to show the target in a message (as written, when it came from {@code ${ENV}})
     */
    String add(DeploymentId id, String label, String path, Boolean embedding) {
        String earlier = paths.putIfAbsent(id, path);
        if (earlier != null) {
            return label + " is already a target of this route, at " + earlier;
        }
        if (Boolean.TRUE.equals(embedding)) {
            if (firstChat != null) {
                return label + " is an embedding model, but this route also serves chat (" + firstChat + ")";
            }
            firstEmbedding = firstEmbedding == null ? label + " at " + path : firstEmbedding;
        } else if (Boolean.FALSE.equals(embedding)) {
            if (firstEmbedding != null) {
                return label + " is a chat model, but this route also serves embeddings (" + firstEmbedding + ")";
            }
            firstChat = firstChat == null ? label + " at " + path : firstChat;
        }
        return null;
    }
}
