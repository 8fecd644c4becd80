package dev.detour.local.folder;

/** Which exporter's layout a model folder follows; decides where the decoder's names and shapes are read. */
public enum ModelLayout {
    /** onnxruntime-genai's model builder: genai_config.json names every input and output. */
    GENAI,
    /** Hugging Face Optimum: config.json has the architecture; names follow Optimum's convention in model.onnx. */
    OPTIMUM
}
