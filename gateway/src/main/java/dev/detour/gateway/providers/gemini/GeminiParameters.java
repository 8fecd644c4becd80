package dev.detour.gateway.providers.gemini;

import dev.detour.gateway.providers.langchain4j.ChatSettings;
import dev.detour.gateway.providers.langchain4j.ParametersFactory;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;

/** Settings as {@link GoogleAiGeminiChatRequestParameters}, the type LangChain4j's Gemini adapter casts to. */
final class GeminiParameters implements ParametersFactory {

    @Override
    public ChatRequestParameters parameters(ChatSettings s) {
        return GoogleAiGeminiChatRequestParameters.builder()
                .modelName(s.modelName())
                .temperature(s.temperature())
                .topP(s.topP())
                .maxOutputTokens(s.maxOutputTokens())
                .stopSequences(s.stop())
                .presencePenalty(s.presencePenalty())
                .frequencyPenalty(s.frequencyPenalty())
                .toolSpecifications(s.tools())
                .toolChoice(s.toolChoice())
                .responseFormat(s.responseFormat())
                .build();
    }
}
