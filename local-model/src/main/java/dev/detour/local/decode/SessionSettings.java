package dev.detour.local.decode;

/**
 * ONNX Runtime threading for the decoder session.
 *
 * @param intraOpThreads threads one operator may use (0 lets ONNX Runtime pick: one per core)
 * @param interOpThreads threads for independent operators (0 lets ONNX Runtime pick)
 */
public record SessionSettings(int intraOpThreads, int interOpThreads) {

    public SessionSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (automatic) or positive");
        }
    }
}
