package dev.detour.gateway.providers.local;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.StreamListener;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.Usage;
import dev.detour.local.GenerationRequest;
import dev.detour.local.GenerationResult;
import dev.detour.local.LocalModel;

import java.util.List;

/** A model of the local-model module, in process, behind the same seam as every remote provider. */
public final class LocalChatDeployment implements ChatDeployment {

    private final DeploymentId id;
    private final LocalModel model;
    private final LocalRequestMapper mapper = new LocalRequestMapper();

    public LocalChatDeployment(DeploymentId id, LocalModel model) {
        this.id = id;
        this.model = model;
    }

    @Override
    public DeploymentId id() {
        return id;
    }

    @Override
    public ChatCompletionResponse complete(ChatCompletionRequest request) {
        GenerationRequest generation = mapper.map(request);
        GenerationResult result;
        try {
            result = model.generate(generation);
        } catch (RuntimeException e) {
            throw LocalFailures.classify(e);
        }
        return new ChatCompletionResponse(null, ChatCompletionResponse.OBJECT, 0, id.model(),
                List.of(new ChatCompletionResponse.Choice(0, ChatMessage.assistant(result.text(), null),
                        result.finishReason().wireName())), usage(result), null);
    }

    @Override
    public StreamHandle stream(ChatCompletionRequest request, StreamListener listener) {
        GenerationRequest generation = mapper.map(request);
        // The model blocks the thread it runs on; a virtual thread per stream keeps the caller free.
        Thread generating = Thread.ofVirtual().name("local-" + id.model()).start(() -> {
            GenerationResult result;
            try {
                result = model.generate(generation, piece -> listener.onDelta(ChatCompletionChunk.Delta.text(piece)));
            } catch (RuntimeException e) {
                ProviderException failure = LocalFailures.classify(e);
                listener.onError(failure);
                return;
            }
            listener.onComplete(result.finishReason().wireName(), usage(result));
        });
        return generating::interrupt;
    }

    private static Usage usage(GenerationResult result) {
        return Usage.of(result.usage().promptTokens(), result.usage().completionTokens());
    }
}
