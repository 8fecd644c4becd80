package dev.detour.gateway.providers.openai;

import dev.detour.gateway.providers.langchain4j.ChatSettings;
import dev.detour.gateway.providers.langchain4j.ParametersFactory;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/** Settings as {@link OpenAiChatRequestParameters}, which carries seed, user, max_completion_tokens and raw fields. */
final class OpenAiParameters implements ParametersFactory {

    @Override
    public ChatRequestParameters parameters(ChatSettings s) {
        return OpenAiChatRequestParameters.builder()
                .modelName(s.modelName())
                .temperature(s.temperature())
                .topP(s.topP())
                .maxOutputTokens(s.maxOutputTokens())
                .maxCompletionTokens(s.maxCompletionTokens())
                .stopSequences(s.stop())
                .seed(s.seed())
                .presencePenalty(s.presencePenalty())
                .frequencyPenalty(s.frequencyPenalty())
                .user(s.user())
                .toolSpecifications(s.tools())
                .toolChoice(s.toolChoice())
                .parallelToolCalls(s.parallelToolCalls())
                .responseFormat(s.responseFormat())
                // tools, tool_choice and json_schema response formats go verbatim: LangChain4j's own mapping has
                // no named tool_choice and sets "strict" per model, not per request.
                .customParameters(s.passthrough())
                .build();
    }
}
