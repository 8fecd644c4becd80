package dev.detour.local;

import dev.detour.local.decode.DecodeLoop;
import dev.detour.local.decode.DecoderSession;
import dev.detour.local.decode.SamplingSettings;
import dev.detour.local.decode.SessionSettings;
import dev.detour.local.decode.StopCheck;
import dev.detour.local.folder.GenerationDefaults;
import dev.detour.local.folder.ModelFolder;
import dev.detour.local.folder.ModelFolderReader;
import dev.detour.local.text.ChatTemplate;
import dev.detour.local.text.ModelTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One model folder loaded in memory and serving chat generations: renders the conversation with the model's chat
 * template, tokenizes, runs the decode loop, admitting a bounded number of requests at a time. Thread-safe.
 */
public final class LocalModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalModel.class);

    private final ModelFolder folder;
    private final LocalModelOptions options;
    private final DecoderSession decoder;
    private final ModelTokenizer tokenizer;
    private final ChatTemplate template;
    private final DecodeLoop loop;
    private final Admission admission;

    private LocalModel(ModelFolder folder, LocalModelOptions options, DecoderSession decoder, ModelTokenizer tokenizer) {
        this.folder = folder;
        this.options = options;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.template = new ChatTemplate(folder.tokenizer(), folder.name());
        this.loop = new DecodeLoop(decoder, tokenizer, folder.eosTokenIds());
        this.admission = new Admission(options.maxConcurrent(), options.maxQueued(), options.maxWait());
    }

    /**
     * Loads a model folder.
     *
     * @throws InvalidModelFolderException naming the missing or wrong file
     */
    public static LocalModel load(Path dir, LocalModelOptions options) {
        long started = System.nanoTime();
        ModelFolder folder = new ModelFolderReader().read(dir);
        log.info("loading local model {} from {} ({} layout)...", folder.name(), dir, folder.layout());
        DecoderSession decoder = new DecoderSession(folder.decoder(),
                new SessionSettings(options.intraOpThreads(), options.interOpThreads()));
        ModelTokenizer tokenizer;
        try {
            tokenizer = new ModelTokenizer(folder.tokenizer());
        } catch (RuntimeException e) {
            decoder.close();
            throw e;
        }
        LocalModel model = new LocalModel(folder, options, decoder, tokenizer);
        log.info("loaded local model {} in {} ms: {} layers, {} KV heads of {}, {} KV cache, context {}, end-of-sequence ids {}",
                folder.name(), (System.nanoTime() - started) / 1_000_000, folder.decoder().layers(),
                folder.decoder().kvHeads(), folder.decoder().headSize(), decoder.kvType(),
                folder.decoder().contextLength(), folder.eosTokenIds());
        return model;
    }

    public String name() {
        return folder.name();
    }

    public ModelFolder folder() {
        return folder;
    }

    public LocalModelOptions options() {
        return options;
    }

    /** The model's context window in tokens. */
    public int contextLength() {
        return folder.decoder().contextLength();
    }

    /** The prompt tokens of a conversation, as the model will see it. */
    public long[] promptTokens(GenerationRequest request) {
        return tokenizer.encode(template.render(request.messages()));
    }

    /**
     * Generates an answer, blocking the calling thread; streamed text goes to {@code listener} as it comes.
     * Interrupting the thread abandons the generation.
     *
     * @throws OverloadedException          when no turn came (queue full, or waited too long)
     * @throws GenerationTimeoutException   when the generation ran past the timeout
     * @throws PromptTooLongException       when the prompt fills the context window
     * @throws ChatTemplateException        when the chat template refuses the conversation
     * @throws GenerationCancelledException when the thread was interrupted
     */
    public GenerationResult generate(GenerationRequest request, TextListener listener) {
        long[] prompt = promptTokens(request);
        int room = contextLength() - prompt.length;
        if (room < 1) {
            throw new PromptTooLongException("the prompt is " + prompt.length + " tokens; local model " + name()
                    + " has a context window of " + contextLength());
        }
        int maxTokens = room;
        Integer asked = request.maxTokens() != null ? request.maxTokens() : folder.defaults().maxNewTokens();
        if (asked != null) {
            if (asked < 1) {
                throw new IllegalArgumentException("max_tokens must be at least 1");
            }
            maxTokens = Math.min(asked, room);
        }
        SamplingSettings sampling = sampling(request, folder.defaults());
        admission.acquire(name());
        try {
            long deadline = System.nanoTime() + options.timeout().toNanos();
            StopCheck stopCheck = () -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new GenerationCancelledException("generation on local model " + name() + " was abandoned");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new GenerationTimeoutException("local model " + name() + " did not finish within "
                            + options.timeout().toMillis() + " ms");
                }
            };
            return loop.generate(prompt, maxTokens, sampling, request.stop(), listener, stopCheck);
        } finally {
            admission.release();
        }
    }

    /** Non-streamed generation. */
    public GenerationResult generate(GenerationRequest request) {
        return generate(request, TextListener.NONE);
    }

    // A request's own settings win; otherwise the model author's generation_config.json; otherwise greedy.
    static SamplingSettings sampling(GenerationRequest request, GenerationDefaults defaults) {
        boolean authorSamples = defaults.doSample();
        double temperature = request.temperature() != null ? request.temperature()
                : authorSamples ? orElse(defaults.temperature(), 1.0) : 0.0;
        double topP = request.topP() != null ? request.topP() : authorSamples ? orElse(defaults.topP(), 1.0) : 1.0;
        int topK = request.topK() != null ? request.topK()
                : authorSamples && defaults.topK() != null ? defaults.topK() : 0;
        long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
        return new SamplingSettings(temperature, topP, topK, seed);
    }

    private static double orElse(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    /** Requests waiting for a turn now. */
    public int waiting() {
        return admission.waiting();
    }

    @Override
    public void close() {
        tokenizer.close();
        decoder.close();
    }
}
