package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code GET /v1/models}: the names clients may send as {@code model}. */
public record ModelList(String object, List<Model> data) {

    public static ModelList of(List<Model> models) {
        return new ModelList("list", List.copyOf(models));
    }

    /** One model (for Detour: a route or a directly addressable provider model). */
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {

        public static Model of(String id, long created, String ownedBy) {
            return new Model(id, "model", created, ownedBy);
        }
    }
}
