package dev.detour.gateway.providers.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;

import java.util.List;
import java.util.Map;

/**
 * The request's generation settings after screening, in LangChain4j's terms; each family turns them into its own
 * {@code ChatRequestParameters} subclass. {@code passthrough} holds OpenAI JSON sent verbatim (OpenAI families only).
 */
public record ChatSettings(
        String modelName,
        Double temperature,
        Double topP,
        Integer maxOutputTokens,
        Integer maxCompletionTokens,
        List<String> stop,
        Integer seed,
        Double presencePenalty,
        Double frequencyPenalty,
        String user,
        List<ToolSpecification> tools,
        ToolChoice toolChoice,
        String toolChoiceName,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        Map<String, Object> passthrough) {
}
