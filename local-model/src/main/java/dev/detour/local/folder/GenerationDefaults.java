package dev.detour.local.folder;

/**
 * The model author's sampling defaults from generation_config.json (all null when the file is absent).
 * {@code doSample} false means greedy unless a request asks for a temperature.
 */
public record GenerationDefaults(boolean doSample, Double temperature, Double topP, Integer topK, Integer maxNewTokens) {

    public static final GenerationDefaults NONE = new GenerationDefaults(false, null, null, null, null);
}
