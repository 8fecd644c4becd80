package dev.detour.local.decode;

import dev.detour.local.FinishReason;
import dev.detour.local.GenerationResult;
import dev.detour.local.TextListener;
import dev.detour.local.TokenUsage;
import dev.detour.local.text.IncrementalDetokenizer;
import dev.detour.local.text.ModelTokenizer;
import dev.detour.local.text.StopStrings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Generates one answer: prefill the prompt, then pick a token, stream its text, and feed it back through the KV
 * cache, until an end-of-sequence token, a stop string or the token limit.
 */
public final class DecodeLoop {

    private final DecoderSession decoder;
    private final ModelTokenizer tokenizer;
    private final Set<Long> eosTokenIds;

    public DecodeLoop(DecoderSession decoder, ModelTokenizer tokenizer, Set<Long> eosTokenIds) {
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.eosTokenIds = Set.copyOf(eosTokenIds);
    }

    /**
     * @param maxNewTokens at least 1; the caller has already fitted it into the context window
     * @param listener     receives the answer's text as it is generated (stop strings never reach it)
     * @param stopCheck    consulted before every decoder run
     */
    public GenerationResult generate(long[] promptIds, int maxNewTokens, SamplingSettings sampling, List<String> stops,
                                     TextListener listener, StopCheck stopCheck) {
        Sampler sampler = new Sampler(sampling);
        IncrementalDetokenizer detokenizer = new IncrementalDetokenizer(tokenizer);
        StopStrings stopStrings = new StopStrings(stops);
        List<Long> generated = new ArrayList<>();
        FinishReason finish = FinishReason.LENGTH;
        // Text per token is only needed by a listener or to find stop strings; otherwise it is decoded once at the end.
        boolean perToken = listener != TextListener.NONE || !stops.isEmpty();
        stopCheck.check();
        try (DecodeState state = decoder.prefill(promptIds)) {
            while (true) {
                long token = sampling.isGreedy() ? state.argmax() : sampler.next(state.logits());
                if (eosTokenIds.contains(token)) {
                    finish = FinishReason.STOP;
                    break;
                }
                generated.add(token);
                if (perToken) {
                    String piece = stopStrings.accept(detokenizer.push(token));
                    if (!piece.isEmpty()) {
                        listener.onText(piece);
                    }
                }
                if (stopStrings.stopped()) {
                    finish = FinishReason.STOP;
                    break;
                }
                if (generated.size() >= maxNewTokens) {
                    break;
                }
                stopCheck.check();
                state.advance(token);
            }
        }
        if (perToken && !stopStrings.stopped()) {
            String rest = stopStrings.accept(detokenizer.flush()) + stopStrings.flush();
            if (!rest.isEmpty()) {
                listener.onText(rest);
            }
            if (stopStrings.stopped()) {
                finish = FinishReason.STOP;
            }
        }
        // The answer is decoded from all its tokens at once, independently of the streamed pieces.
        String text = StopStrings.cut(tokenizer.decode(generated.stream().mapToLong(Long::longValue).toArray()), stops);
        return new GenerationResult(text, finish, new TokenUsage(promptIds.length, generated.size()), generated);
    }
}
