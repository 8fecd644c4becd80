package dev.detour.gateway.providers.local;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.local.ChatTurn;
import dev.detour.local.GenerationRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps an OpenAI chat request to a local generation. What a small local model cannot honour (tools, JSON mode,
 * images, several choices, penalties) is refused by name, as every adapter does, never silently dropped.
 */
final class LocalRequestMapper {

    GenerationRequest map(ChatCompletionRequest request) {
        refuseIf(request.tools() != null && !request.tools().isEmpty(), "tools");
        refuseIf(request.toolChoice() != null, "tool_choice");
        refuseIf(request.responseFormat() != null && !"text".equals(request.responseFormat().type()), "response_format");
        refuseIf(request.n() != null && request.n() != 1, "n");
        refuseIf(request.presencePenalty() != null && request.presencePenalty() != 0, "presence_penalty");
        refuseIf(request.frequencyPenalty() != null && request.frequencyPenalty() != 0, "frequency_penalty");
        if (!request.otherFields().isEmpty()) {
            refuseIf(true, request.otherFields().keySet().iterator().next());
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (message.content() != null && !message.content().isPlain()
                    && message.content().parts().stream().anyMatch(p -> p.text() == null)) {
                throw refusal("messages", "the local model reads text only, not images or audio");
            }
            refuseIf(message.toolCalls() != null && !message.toolCalls().isEmpty(), "tool_calls");
            String role = "developer".equals(message.role()) ? "system" : message.role();
            turns.add(new ChatTurn(role, message.text()));
        }
        if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > 2)) {
            throw new ProviderException(FailureClass.BAD_REQUEST, 0, "temperature must be between 0 and 2", null,
                    "invalid_value", "temperature", null);
        }
        if (request.topP() != null && !(request.topP() > 0 && request.topP() <= 1)) {
            throw new ProviderException(FailureClass.BAD_REQUEST, 0, "top_p must be in (0, 1]", null,
                    "invalid_value", "top_p", null);
        }
        // OpenAI's default temperature is 1: a client that says nothing gets sampled text, as from OpenAI.
        double temperature = request.temperature() != null ? request.temperature() : 1.0;
        return new GenerationRequest(turns, request.outputTokenLimit(), temperature, request.topP(), null,
                request.seed(), request.stop());
    }

    private static void refuseIf(boolean refused, String field) {
        if (refused) {
            throw refusal(field, "the local model does not support '" + field + "'");
        }
    }

    private static ProviderException refusal(String field, String message) {
        return new ProviderException(FailureClass.BAD_REQUEST, 0, message, null, "unsupported_parameter", field, null);
    }
}
