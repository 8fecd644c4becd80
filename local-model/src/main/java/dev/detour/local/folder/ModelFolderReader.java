package dev.detour.local.folder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.local.InvalidModelFolderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model folder's configuration files (models/README.md lists them). Every value the decode loop needs comes
 * from these files; a missing or wrong file is an {@link InvalidModelFolderException} that names it.
 */
public final class ModelFolderReader {

    public static final String GENAI_CONFIG = "genai_config.json";
    public static final String OPTIMUM_CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    public static final String CHAT_TEMPLATE = "chat_template.jinja";
    /** Optimum's file name; genai_config.json names its own. */
    public static final String OPTIMUM_MODEL_FILE = "model.onnx";

    private static final Logger log = LoggerFactory.getLogger(ModelFolderReader.class);

    /** Reads the folder; its name is the folder's name. */
    public ModelFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidModelFolderException(dir, "not a folder");
        }
        Path genai = dir.resolve(GENAI_CONFIG);
        Path optimum = dir.resolve(OPTIMUM_CONFIG);
        ModelLayout layout;
        DecoderSpec decoder;
        Set<Long> eos = new LinkedHashSet<>();
        if (Files.isRegularFile(genai)) {
            layout = ModelLayout.GENAI;
            JsonFile config = JsonFile.read(genai);
            decoder = genaiDecoder(dir, config);
            eos.addAll(config.tokenIds("model.eos_token_id"));
        } else if (Files.isRegularFile(optimum)) {
            layout = ModelLayout.OPTIMUM;
            JsonFile config = JsonFile.read(optimum);
            decoder = optimumDecoder(dir, config);
            eos.addAll(config.tokenIds("eos_token_id"));
        } else {
            throw new InvalidModelFolderException(genai, "missing (and no " + OPTIMUM_CONFIG
                    + " either): the folder needs one of them to describe the decoder");
        }
        if (!Files.isRegularFile(decoder.modelFile())) {
            throw new InvalidModelFolderException(decoder.modelFile(), "missing (named by " + decoder.describedBy().getFileName() + ")");
        }
        TokenizerSettings tokenizer = tokenizer(dir);
        GenerationDefaults defaults = GenerationDefaults.NONE;
        Path generation = dir.resolve(GENERATION_CONFIG);
        if (Files.isRegularFile(generation)) {
            JsonFile config = JsonFile.read(generation);
            defaults = defaults(config);
            eos.addAll(config.tokenIds("eos_token_id"));
        }
        addTokenizerEos(eos, tokenizer, dir);
        if (eos.isEmpty()) {
            throw new InvalidModelFolderException(dir, "no file names an end-of-sequence token (eos_token_id in "
                    + decoder.describedBy().getFileName() + " or " + GENERATION_CONFIG + ", eos_token in " + TOKENIZER_CONFIG + ")");
        }
        return new ModelFolder(dir, dir.getFileName().toString(), layout, decoder, tokenizer, eos, defaults);
    }

    private static DecoderSpec genaiDecoder(Path dir, JsonFile config) {
        String d = "model.decoder.";
        int layers = config.requiredInt(d + "num_hidden_layers");
        int heads = config.requiredInt(d + "num_attention_heads");
        int kvHeads = config.at(d + "num_key_value_heads").isMissingNode() ? heads : config.requiredInt(d + "num_key_value_heads");
        int headSize = config.at(d + "head_size").isMissingNode()
                ? config.requiredInt(d + "hidden_size") / heads : config.requiredInt(d + "head_size");
        return new DecoderSpec(dir.resolve(config.requiredText(d + "filename")),
                config.requiredText(d + "inputs.input_ids"),
                config.optionalText(d + "inputs.attention_mask"),
                config.optionalText(d + "inputs.position_ids"),
                config.requiredPattern(d + "inputs.past_key_names"),
                config.requiredPattern(d + "inputs.past_value_names"),
                config.requiredText(d + "outputs.logits"),
                config.requiredPattern(d + "outputs.present_key_names"),
                config.requiredPattern(d + "outputs.present_value_names"),
                positive(config, d + "num_hidden_layers", layers), positive(config, d + "num_key_value_heads", kvHeads),
                positive(config, d + "head_size", headSize),
                positive(config, "model.context_length", config.requiredInt("model.context_length")),
                positive(config, "model.vocab_size", config.requiredInt("model.vocab_size")), config.path());
    }

    // Optimum does not write names into config.json: its exporter always uses these, and the decoder session checks
    // that model.onnx really has them before the first request.
    private static DecoderSpec optimumDecoder(Path dir, JsonFile config) {
        int layers = config.requiredInt("num_hidden_layers");
        int heads = config.requiredInt("num_attention_heads");
        int kvHeads = config.at("num_key_value_heads").isIntegralNumber() ? config.requiredInt("num_key_value_heads") : heads;
        int headSize = config.at("head_dim").isIntegralNumber()
                ? config.requiredInt("head_dim") : config.requiredInt("hidden_size") / heads;
        int context = config.at("max_position_embeddings").isIntegralNumber()
                ? config.requiredInt("max_position_embeddings") : config.requiredInt("n_positions");
        return new DecoderSpec(dir.resolve(OPTIMUM_MODEL_FILE), "input_ids", "attention_mask", "position_ids",
                "past_key_values.%d.key", "past_key_values.%d.value", "logits", "present.%d.key", "present.%d.value",
                positive(config, "num_hidden_layers", layers), positive(config, "num_key_value_heads", kvHeads),
                positive(config, "head_dim", headSize), positive(config, "max_position_embeddings", context),
                positive(config, "vocab_size", config.requiredInt("vocab_size")), config.path());
    }

    private static int positive(JsonFile file, String field, int value) {
        if (value <= 0) {
            throw new InvalidModelFolderException(file.path(), field + " must be positive, got " + value);
        }
        return value;
    }

    private static TokenizerSettings tokenizer(Path dir) {
        Path tokenizerJson = dir.resolve(TOKENIZER);
        JsonFile tokenizer = JsonFile.read(tokenizerJson);
        if (!tokenizer.at("model").isObject()) {
            throw new InvalidModelFolderException(tokenizerJson, "has no tokenizer model (not a Hugging Face tokenizer.json)");
        }
        Map<String, Long> added = new HashMap<>();
        tokenizer.at("added_tokens").forEach(t -> added.put(t.path("content").asText(), t.path("id").asLong()));

        Path configPath = dir.resolve(TOKENIZER_CONFIG);
        JsonFile config = Files.isRegularFile(configPath) ? JsonFile.read(configPath) : null;
        String bos = config == null ? null : tokenText(config.at("bos_token"));
        String eos = config == null ? null : tokenText(config.at("eos_token"));
        String template = null;
        Path templateSource = null;
        Path jinja = dir.resolve(CHAT_TEMPLATE);
        if (Files.isRegularFile(jinja)) {
            try {
                template = Files.readString(jinja);
                templateSource = jinja;
            } catch (IOException e) {
                throw new InvalidModelFolderException(jinja, "cannot be read", e);
            }
        } else if (config != null) {
            template = chatTemplate(config);
            templateSource = template == null ? null : configPath;
        }
        return new TokenizerSettings(tokenizerJson, template, templateSource, bos, eos, added);
    }

    // A token is written either as its text or as an AddedToken object {"content": ...}.
    private static String tokenText(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        return node.path("content").isTextual() ? node.path("content").textValue() : null;
    }

    // chat_template is a string, or a list of named templates of which "default" is the chat one.
    private static String chatTemplate(JsonFile config) {
        JsonNode node = config.at("chat_template");
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText())) {
                    return named.path("template").asText();
                }
            }
            throw new InvalidModelFolderException(config.path(), "chat_template lists no template named 'default'");
        }
        return null;
    }

    private static GenerationDefaults defaults(JsonFile config) {
        JsonNode root = config.root();
        return new GenerationDefaults(root.path("do_sample").asBoolean(false),
                root.path("temperature").isNumber() ? root.path("temperature").doubleValue() : null,
                root.path("top_p").isNumber() ? root.path("top_p").doubleValue() : null,
                root.path("top_k").isIntegralNumber() ? root.path("top_k").intValue() : null,
                root.path("max_new_tokens").isIntegralNumber() ? root.path("max_new_tokens").intValue() : null);
    }

    // The tokenizer's eos_token is the one the chat template writes after an assistant turn: a model that learned
    // it stops there, whatever id the runtime config names. Folders in the wild disagree (the tiny test model's
    // genai_config.json says 1, its tokenizer calls '</s>' 2), so every id any file names ends a generation.
    private static void addTokenizerEos(Set<Long> eos, TokenizerSettings tokenizer, Path dir) {
        if (tokenizer.eosToken() == null) {
            return;
        }
        Long id = tokenizer.addedTokens().get(tokenizer.eosToken());
        if (id == null) {
            throw new InvalidModelFolderException(dir.resolve(TOKENIZER_CONFIG), "eos_token '" + tokenizer.eosToken()
                    + "' is not a token of " + TOKENIZER);
        }
        if (!eos.isEmpty() && !eos.contains(id)) {
            log.info("{}: the config names end-of-sequence id(s) {} but {}'s eos_token '{}' is id {}; stopping on all of them",
                    dir.getFileName(), eos, TOKENIZER_CONFIG, tokenizer.eosToken(), id);
        }
        eos.add(id);
    }
}
