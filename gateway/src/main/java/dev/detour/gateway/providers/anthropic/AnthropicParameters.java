package dev.detour.gateway.providers.anthropic;

import dev.detour.gateway.providers.langchain4j.ChatSettings;
import dev.detour.gateway.providers.langchain4j.ParametersFactory;
import dev.langchain4j.model.anthropic.AnthropicChatRequestParameters;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ToolChoice;

/** Settings as {@link AnthropicChatRequestParameters}: named tool choice, parallel tool use and user id live there. */
final class AnthropicParameters implements ParametersFactory {

    @Override
    public ChatRequestParameters parameters(ChatSettings s) {
        ToolChoice toolChoice = s.toolChoice();
        boolean serialOnly = Boolean.FALSE.equals(s.parallelToolCalls());
        if (serialOnly && toolChoice == null && s.tools() != null && !s.tools().isEmpty()) {
            // LangChain4j sends disable_parallel_tool_use only inside a tool_choice; "auto" is Anthropic's default.
            toolChoice = ToolChoice.AUTO;
        }
        return AnthropicChatRequestParameters.builder()
                .modelName(s.modelName())
                .temperature(s.temperature())
                .topP(s.topP())
                .maxOutputTokens(s.maxOutputTokens())
                .stopSequences(s.stop())
                .toolSpecifications(s.tools())
                .toolChoice(toolChoice)
                .toolChoiceName(s.toolChoiceName())
                .disableParallelToolUse(serialOnly ? Boolean.TRUE : null)
                .userId(s.user())
                .responseFormat(s.responseFormat())
                .build();
    }
}
