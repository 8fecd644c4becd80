package dev.detour.local.decode;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.detour.local.InvalidModelFolderException;
import dev.detour.local.LocalModelException;
import dev.detour.local.folder.DecoderSpec;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The decoder graph loaded in ONNX Runtime, checked against its spec: every named input and output exists, the
 * KV cache has the spec's shape, and its dtype (float32 or float16) is read from the graph. Thread-safe: each
 * generation keeps its own {@link DecodeState}.
 */
public final class DecoderSession implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final DecoderSpec spec;
    private final OnnxJavaType kvType;

    public DecoderSession(DecoderSpec spec, SessionSettings settings) {
        this.spec = spec;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(settings.interOpThreads());
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(spec.modelFile().toString(), options);
        } catch (OrtException e) {
            throw new InvalidModelFolderException(spec.modelFile(), "ONNX Runtime cannot load it (" + e.getMessage() + ")", e);
        }
        try {
            this.kvType = check();
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    public DecoderSpec spec() {
        return spec;
    }

    /** The KV cache's element type, read from the graph. */
    public OnnxJavaType kvType() {
        return kvType;
    }

    /** Runs the prompt through the graph (with an empty cache) and returns a state holding its cache and logits. */
    public DecodeState prefill(long[] promptIds) {
        return DecodeState.start(this, promptIds);
    }

    /**
     * The next-token logits of {@code ids} computed from scratch, without a cache: the reference the cached loop
     * must agree with.
     */
    public float[] logitsWithoutCache(long[] ids) {
        try (DecodeState state = DecodeState.start(this, ids)) {
            return state.logits();
        }
    }

    OrtEnvironment env() {
        return env;
    }

    OrtSession session() {
        return session;
    }

    /** An empty cache tensor, [1, kv_heads, 0, head_size]. */
    OnnxTensor emptyPast() throws OrtException {
        long[] shape = {1, spec.kvHeads(), 0, spec.headSize()};
        return kvType == OnnxJavaType.FLOAT16
                ? OnnxTensor.createTensor(env, ShortBuffer.allocate(0), shape, OnnxJavaType.FLOAT16)
                : OnnxTensor.createTensor(env, FloatBuffer.allocate(0), shape);
    }

    OnnxTensor longs(long[] values) throws OrtException {
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), new long[] {1, values.length});
    }

    private OnnxJavaType check() {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            require(inputs, spec.inputIds(), "input");
            if (spec.attentionMask() != null) {
                require(inputs, spec.attentionMask(), "input");
            }
            if (spec.positionIds() != null && !inputs.containsKey(spec.positionIds())) {
                // Some exports compute positions inside the graph; feeding none is then right.
                throw missing(spec.positionIds(), "input");
            }
            require(outputs, spec.logits(), "output");
            Map<String, OnnxJavaType> kvTypes = new HashMap<>();
            for (int layer = 0; layer < spec.layers(); layer++) {
                for (String name : new String[] {spec.pastKey(layer), spec.pastValue(layer)}) {
                    TensorInfo info = require(inputs, name, "input");
                    checkShape(name, info);
                    kvTypes.put(name, info.type);
                }
                require(outputs, spec.presentKey(layer), "output");
                require(outputs, spec.presentValue(layer), "output");
            }
            if (inputs.containsKey(spec.pastKey(spec.layers()))) {
                throw new InvalidModelFolderException(spec.describedBy(), "says " + spec.layers()
                        + " layers but " + spec.modelFile().getFileName() + " has more (" + spec.pastKey(spec.layers()) + ")");
            }
            OnnxJavaType type = kvTypes.get(spec.pastKey(0));
            if (type != OnnxJavaType.FLOAT && type != OnnxJavaType.FLOAT16) {
                throw new InvalidModelFolderException(spec.modelFile(), "KV cache of type " + type
                        + " is not supported (float32 or float16)");
            }
            if (kvTypes.values().stream().anyMatch(t -> t != type)) {
                throw new InvalidModelFolderException(spec.modelFile(), "the KV cache inputs do not share one type: " + kvTypes);
            }
            return type;
        } catch (OrtException e) {
            throw new InvalidModelFolderException(spec.modelFile(), "cannot read its inputs and outputs (" + e.getMessage() + ")", e);
        }
    }

    private TensorInfo require(Map<String, NodeInfo> nodes, String name, String kind) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            throw missing(name, kind);
        }
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            throw new InvalidModelFolderException(spec.modelFile(), kind + " '" + name + "' is not a tensor");
        }
        return tensor;
    }

    private InvalidModelFolderException missing(String name, String kind) {
        return new InvalidModelFolderException(spec.describedBy(), "names " + kind + " '" + name + "' but "
                + spec.modelFile().getFileName() + " has no such " + kind);
    }

    // [batch, kv_heads, past_len, head_size]; symbolic dimensions read as -1.
    private void checkShape(String name, TensorInfo info) {
        long[] shape = info.getShape();
        if (shape.length != 4 || (shape[1] > 0 && shape[1] != spec.kvHeads()) || (shape[3] > 0 && shape[3] != spec.headSize())) {
            throw new InvalidModelFolderException(spec.describedBy(), "says " + spec.kvHeads() + " KV heads of size "
                    + spec.headSize() + " but " + spec.modelFile().getFileName() + "'s '" + name + "' has shape "
                    + java.util.Arrays.toString(shape));
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new LocalModelException("closing the decoder session failed", e);
        }
    }
}
