package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.failure.FailureClassifier;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.MessageContent;
import dev.detour.gateway.wire.ToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Maps a LangChain4j {@link ChatResponse} back to an OpenAI chat completion. */
public final class ChatResponseMapper {

    private final ProviderKind kind;
    private final String upstreamModel;

    public ChatResponseMapper(ProviderKind kind, String upstreamModel) {
        this.kind = kind;
        this.upstreamModel = upstreamModel;
    }

    public ChatCompletionResponse map(ChatResponse response) {
        AiMessage ai = response.aiMessage();
        List<ToolCall> toolCalls = new ArrayList<>();
        if (ai != null && ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                toolCalls.add(ToolCall.of(ToolCallIds.orNew(request.id()), request.name(),
                        request.arguments() == null ? "{}" : request.arguments()));
            }
        }
        String text = ai == null ? null : ai.text();
        FinishReason reason = response.finishReason();
        if (reason == null) {
            throw new ProviderException(FailureClass.BAD_RESPONSE, 0,
                    kind.configName() + ": the provider's answer has no finish reason", null, null, null, null);
        }
        if (reason == FinishReason.CONTENT_FILTER && (text == null || text.isEmpty()) && toolCalls.isEmpty()) {
            throw new ProviderException(FailureClass.CONTENT_POLICY, 0,
                    kind.configName() + " blocked the answer (content filter)", null,
                    FailureClassifier.CONTENT_FILTER, null, null);
        }
        ChatMessage message = new ChatMessage("assistant", text == null ? null : MessageContent.ofText(text), null,
                toolCalls.isEmpty() ? null : List.copyOf(toolCalls), null, null);
        String id = response.id() != null ? response.id() : "chatcmpl-" + UUID.randomUUID();
        String model = response.modelName() != null ? response.modelName() : upstreamModel;
        return new ChatCompletionResponse(id, ChatCompletionResponse.OBJECT, System.currentTimeMillis() / 1000, model,
                List.of(new ChatCompletionResponse.Choice(0, message,
                        FinishReasons.toOpenAi(reason, !toolCalls.isEmpty()))),
                UsageMapper.toOpenAi(response.tokenUsage()), null);
    }
}
