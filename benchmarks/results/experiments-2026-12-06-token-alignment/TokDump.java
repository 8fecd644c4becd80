import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.*;
import java.nio.*;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;

/** Scratch: last_hidden_state per token for every distinct QQP question. Output: idx file + fp16 states file. */
public class TokDump {
    public static void main(String[] args) throws Exception {
        System.setProperty("OPT_OUT_TRACKING", "true");
        String model = args[1];
        Path out = Path.of(args[2]);
        int threads = Integer.parseInt(args[3]);
        ObjectMapper json = new ObjectMapper();
        LinkedHashMap<String, Integer> ids = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            JsonNode n = json.readTree(line);
            ids.putIfAbsent(n.get("text_a").asText(), ids.size());
            ids.putIfAbsent(n.get("text_b").asText(), ids.size());
        }
        List<String> texts = new ArrayList<>(ids.keySet());
        System.out.println(texts.size() + " texts");
        byte[] onnx = TokDump.class.getClassLoader().getResourceAsStream(model + ".onnx").readAllBytes();
        byte[] tok = TokDump.class.getClassLoader().getResourceAsStream(model + "-tokenizer.json").readAllBytes();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int maxTokens = 64;
        int[][] tokIds = new int[texts.size()][];
        short[][] states = new short[texts.size()][];
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int me = t;
            fs.add(pool.submit(() -> {
                OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                o.setIntraOpNumThreads(1);
                o.setInterOpNumThreads(1);
                o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtSession s = env.createSession(onnx, o);
                boolean types = s.getInputNames().contains("token_type_ids");
                HuggingFaceTokenizer tk = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tok),
                        Map.of("padding", "false", "truncation", "true", "maxLength", String.valueOf(maxTokens)));
                for (int i = me; i < texts.size(); i += threads) {
                    Encoding e = tk.encode(texts.get(i));
                    long[] idArr = e.getIds();
                    int n = idArr.length;
                    long[] shape = {1, n};
                    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(idArr), shape);
                         OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape);
                         OnnxTensor ty = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape)) {
                        Map<String, OnnxTensor> in = new HashMap<>();
                        in.put("input_ids", a);
                        in.put("attention_mask", m);
                        if (types) in.put("token_type_ids", ty);
                        try (OrtSession.Result r = s.run(in)) {
                            FloatBuffer h = ((OnnxTensor) r.get(0)).getFloatBuffer();
                            short[] st = new short[h.remaining()];
                            for (int k = 0; k < st.length; k++) st[k] = Float.floatToFloat16(h.get(k));
                            int[] ii = new int[n];
                            for (int k = 0; k < n; k++) ii[k] = (int) idArr[k];
                            tokIds[i] = ii;
                            states[i] = st;
                        }
                    }
                    int d = done.incrementAndGet();
                    if (d % 10000 == 0) System.out.println(d + " / " + texts.size());
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        try (DataOutputStream idx = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolveSibling(out.getFileName() + ".idx"))));
             DataOutputStream st = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 20))) {
            // little-endian for numpy
            ByteBuffer b4 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < texts.size(); i++) {
                b4.clear(); b4.putInt(tokIds[i].length); idx.write(b4.array());
                for (int v : tokIds[i]) { b4.clear(); b4.putInt(v); idx.write(b4.array()); }
                ByteBuffer bb = ByteBuffer.allocate(states[i].length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (short v : states[i]) bb.putShort(v);
                st.write(bb.array());
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolveSibling(out.getFileName() + ".texts.jsonl")))) {
            for (String t : texts) w.println(json.writeValueAsString(t));
        }
        System.out.println("written");
    }
}
