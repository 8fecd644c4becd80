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

/**
 * The body of {@code POST /v1/chat/completions} as OpenAI defines it. Fields Detour does not know are kept in
 * {@link #otherFields()} so that an adapter can refuse them by name instead of dropping them silently.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
        Long seed,
        @JsonProperty("presence_penalty") Double presencePenalty,
        @JsonProperty("frequency_penalty") Double frequencyPenalty,
        String user,
        Integer n,
        List<Tool> tools,
        @JsonProperty("tool_choice") ToolChoice toolChoice,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("response_format") ResponseFormat responseFormat,
        @JsonAnySetter @JsonIgnore Map<String, JsonNode> otherFields) {

    public ChatCompletionRequest {
        otherFields = otherFields == null ? new LinkedHashMap<>() : otherFields;
    }

    public boolean isStream() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean includeUsageInStream() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }

    /** The output token limit the client asked for: {@code max_completion_tokens} wins over the older {@code max_tokens}. */
    public Integer outputTokenLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    /** The same request with other messages (a conversation trimmed to fit a context window). */
    public ChatCompletionRequest withMessages(List<ChatMessage> newMessages) {
        return new ChatCompletionRequest(model, newMessages, stream, streamOptions, temperature, topP, maxTokens,
                maxCompletionTokens, stop, seed, presencePenalty, frequencyPenalty, user, n, tools, toolChoice,
                parallelToolCalls, responseFormat, otherFields);
    }

    /**
     * The same request with its output limit set to {@code limit}: as {@code max_completion_tokens} when
     * {@code asCompletionTokens} (OpenAI's reasoning models refuse {@code max_tokens}), else as {@code max_tokens}.
     */
    public ChatCompletionRequest withOutputTokenLimit(int limit, boolean asCompletionTokens) {
        return new ChatCompletionRequest(model, messages, stream, streamOptions, temperature, topP,
                asCompletionTokens ? null : Integer.valueOf(limit), asCompletionTokens ? Integer.valueOf(limit) : null,
                stop, seed, presencePenalty, frequencyPenalty, user, n, tools, toolChoice,
                parallelToolCalls, responseFormat, otherFields);
    }

    /** {@code stream_options} of a streaming request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }
}
