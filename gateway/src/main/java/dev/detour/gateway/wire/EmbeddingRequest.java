package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/embeddings}; {@code input} is a string or an array of strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingRequest(
        String model,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> input,
        @JsonProperty("encoding_format") String encodingFormat,
        Integer dimensions,
        String user,
        @JsonAnySetter @JsonIgnore Map<String, JsonNode> otherFields) {

    public EmbeddingRequest {
        otherFields = otherFields == null ? new LinkedHashMap<>() : otherFields;
    }
}
