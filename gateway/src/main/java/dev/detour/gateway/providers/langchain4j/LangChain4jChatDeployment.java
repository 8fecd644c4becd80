package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.StreamListener;
import dev.detour.gateway.providers.failure.FailureClassifier;
import dev.detour.gateway.providers.http.UpstreamHttpClient;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * A chat deployment served by a LangChain4j chat model pair (blocking and streaming), built once per deployment.
 * Every family uses this class; what differs (support, parameters, errors, models) is given to it.
 */
public final class LangChain4jChatDeployment implements ChatDeployment {

    private final DeploymentId id;
    private final ProviderKind kind;
    private final ChatModel chatModel;
    private final StreamingChatModel streamingModel;
    private final UpstreamHttpClient http;
    private final ChatRequestMapper requestMapper;
    private final ChatResponseMapper responseMapper;
    private final FailureClassifier classifier;

    public LangChain4jChatDeployment(DeploymentId id, ProviderKind kind, ChatModel chatModel,
                                     StreamingChatModel streamingModel, UpstreamHttpClient http,
                                     ChatRequestMapper requestMapper, FailureClassifier classifier) {
        this.id = id;
        this.kind = kind;
        this.chatModel = chatModel;
        this.streamingModel = streamingModel;
        this.http = http;
        this.requestMapper = requestMapper;
        this.responseMapper = new ChatResponseMapper(kind, id.model());
        this.classifier = classifier;
    }

    @Override
    public DeploymentId id() {
        return id;
    }

    @Override
    public ChatCompletionResponse complete(ChatCompletionRequest request) {
        ChatRequest chatRequest = requestMapper.map(request);
        ChatResponse response;
        try {
            response = chatModel.chat(chatRequest);
        } catch (RuntimeException e) {
            throw classify(e);
        }
        return responseMapper.map(response);
    }

    @Override
    public StreamHandle stream(ChatCompletionRequest request, StreamListener listener) {
        ChatRequest chatRequest = requestMapper.map(request);
        StreamBridge bridge = new StreamBridge(kind, listener, classifier);
        http.bind(bridge.call());
        try {
            streamingModel.chat(chatRequest, bridge);
        } catch (RuntimeException e) {
            // Thrown before anything was sent (LangChain4j refused the request while building it).
            ProviderException failure = classify(e);
            if (failure.failureClass() == FailureClass.BAD_REQUEST) {
                throw failure;
            }
            bridge.failNow(failure);
        } finally {
            http.unbind();
        }
        return bridge;
    }

    private ProviderException classify(RuntimeException e) {
        if (e instanceof ProviderException p) {
            return p;
        }
        if (e instanceof IllegalArgumentException && e.getCause() == null) {
            // LangChain4j's mappers throw this for requests the family's adapter cannot express.
            return new ProviderException(FailureClass.BAD_REQUEST, 400,
                    kind.configName() + " cannot express this request: " + e.getMessage(), null,
                    Unsupported.CODE, null, null);
        }
        return classifier.classify(e);
    }
}
