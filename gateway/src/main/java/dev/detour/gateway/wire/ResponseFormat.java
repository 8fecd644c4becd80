package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code response_format}: {@code text}, {@code json_object}, or {@code json_schema} with a schema. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseFormat(String type, @JsonProperty("json_schema") JsonSchema jsonSchema) {

    /** The named JSON Schema of a {@code json_schema} response format. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonSchema(String name, String description, JsonNode schema, Boolean strict) {
    }
}
