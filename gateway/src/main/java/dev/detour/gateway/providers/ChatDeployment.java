package dev.detour.gateway.providers;

import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;

/**
 * A provider model that answers chat completions: the seam between the gateway and a LangChain4j adapter.
 * The request's {@code model} is the client's route name; the adapter sends its own upstream model name.
 */
public interface ChatDeployment {

    DeploymentId id();

    /**
     * Answers without streaming, blocking the calling (virtual) thread; an interrupt abandons the call.
     * The response's id, created and model are the provider's; the gateway may restamp them.
     *
     * @throws ProviderException classified, for every failure including fields this provider cannot honour
     */
    ChatCompletionResponse complete(ChatCompletionRequest request);

    /**
     * Starts a streamed answer and returns at once; events go to {@code listener}.
     * Fields this provider cannot honour are refused by throwing {@link ProviderException} (BAD_REQUEST) here.
     */
    StreamHandle stream(ChatCompletionRequest request, StreamListener listener);
}
