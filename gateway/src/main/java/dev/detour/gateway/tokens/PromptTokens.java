package dev.detour.gateway.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.ContentPart;
import dev.detour.gateway.wire.ToolCall;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The prompt tokens of one request, counted at most once per encoding and remembered, since a route's candidates
 * share one or two encodings. Counts follow OpenAI's accounting for chat: each message costs its role, name and
 * content plus {@link #PER_MESSAGE} tokens of framing, and the reply is primed with {@link #REPLY_PRIMING} more.
 * Not thread-safe: one per request.
 */
public final class PromptTokens {

    static final int PER_MESSAGE = 3;
    static final int REPLY_PRIMING = 3;
    /** An image is counted as OpenAI's high-detail 512x512 tile price, so a window check errs on the safe side. */
    static final int PER_IMAGE = 765;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenCounter counter;
    private final List<ChatMessage> messages;
    private final String toolsJson;
    private final Map<TokenizerFamily, Integer> exact = new EnumMap<>(TokenizerFamily.class);
    private int upperBound = -1;

    public PromptTokens(TokenCounter counter, ChatCompletionRequest request) {
        this(counter, request.messages(), toolsJson(request));
    }

    private PromptTokens(TokenCounter counter, List<ChatMessage> messages, String toolsJson) {
        this.counter = counter;
        this.messages = messages;
        this.toolsJson = toolsJson;
    }

    /** The estimate for a deployment of {@code family}: the exact count in its encoding times its margin, rounded up. */
    public int estimate(TokenizerFamily family) {
        TokenizerFamily encoding = family == TokenizerFamily.O200K ? TokenizerFamily.O200K : TokenizerFamily.CL100K;
        int count = exact.computeIfAbsent(encoding, e -> countAll(e, messages) + counter.count(e, toolsJson));
        return (int) Math.ceil(count * family.margin());
    }

    /**
     * A bound no family's {@link #estimate} can exceed, from character counts alone, without tokenizing: a BPE token
     * covers at least one UTF-8 byte and a Java char is at most 3 bytes, so a text has at most 3 tokens per char;
     * framing and images count as in {@link #estimate}, and the largest margin applies. When even this bound fits a
     * window with room to spare, the exact count is not needed (a few nanoseconds per message instead of ~60 ns per
     * token).
     */
    public int upperBound() {
        if (upperBound < 0) {
            long bound = REPLY_PRIMING + chars(toolsJson) * 3L;
            for (ChatMessage message : messages) {
                bound += PER_MESSAGE + (chars(message.role()) + chars(message.name())) * 3L;
                if (message.content() != null && message.content().isPlain()) {
                    bound += chars(message.content().plain()) * 3L;
                } else if (message.content() != null) {
                    for (ContentPart part : message.content().parts()) {
                        bound += part.text() != null ? chars(part.text()) * 3L : part.imageUrl() != null ? PER_IMAGE : 0;
                    }
                }
                if (message.toolCalls() != null) {
                    for (ToolCall call : message.toolCalls()) {
                        if (call.function() != null) {
                            bound += (chars(call.function().name()) + chars(call.function().arguments())) * 3L;
                        }
                    }
                }
            }
            upperBound = (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(bound * TokenizerFamily.APPROXIMATE_MARGIN));
        }
        return upperBound;
    }

    private static int chars(String text) {
        return text == null ? 0 : text.length();
    }

    /** Tokens of one message in {@code family} (margin applied), for trimming a conversation. */
    public int estimate(TokenizerFamily family, ChatMessage message) {
        TokenizerFamily encoding = family == TokenizerFamily.O200K ? TokenizerFamily.O200K : TokenizerFamily.CL100K;
        return (int) Math.ceil(messageTokens(encoding, message) * family.margin());
    }

    /** The framing every request pays whatever its messages (reply priming and tools), margin applied. */
    public int fixedEstimate(TokenizerFamily family) {
        TokenizerFamily encoding = family == TokenizerFamily.O200K ? TokenizerFamily.O200K : TokenizerFamily.CL100K;
        return (int) Math.ceil((REPLY_PRIMING + counter.count(encoding, toolsJson)) * family.margin());
    }

    private int countAll(TokenizerFamily encoding, List<ChatMessage> all) {
        int total = REPLY_PRIMING;
        for (ChatMessage message : all) {
            total += messageTokens(encoding, message);
        }
        return total;
    }

    private int messageTokens(TokenizerFamily encoding, ChatMessage message) {
        int tokens = PER_MESSAGE + counter.count(encoding, message.role()) + counter.count(encoding, message.name());
        if (message.content() != null) {
            if (message.content().isPlain()) {
                tokens += counter.count(encoding, message.content().plain());
            } else {
                for (ContentPart part : message.content().parts()) {
                    tokens += part.text() != null ? counter.count(encoding, part.text())
                            : part.imageUrl() != null ? PER_IMAGE : 0;
                }
            }
        }
        if (message.toolCalls() != null) {
            for (ToolCall call : message.toolCalls()) {
                if (call.function() != null) {
                    tokens += counter.count(encoding, call.function().name())
                            + counter.count(encoding, call.function().arguments());
                }
            }
        }
        return tokens;
    }

    private static String toolsJson(ChatCompletionRequest request) {
        if (request.tools() == null || request.tools().isEmpty()) {
            return null;
        }
        try {
            // Providers render tool definitions in their own way; their JSON text is a fair stand-in.
            return JSON.writeValueAsString(request.tools());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise tools", e);
        }
    }
}
