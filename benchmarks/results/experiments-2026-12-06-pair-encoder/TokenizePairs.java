import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tokenizes every QQP pair in both orders with the tokenizer and settings java/PairEncoder.java uses, so that
 * training sees exactly the ids inference will. Record: pair id (long), label (byte), swapped (byte), n (short),
 * n ids (unsigned short), n type ids (byte). Run by make.sh with the benchmarks' classpath.
 */
public class TokenizePairs {
    /** As java/PairEncoder.java: the MiniLM tokenizer from the embedding model's jar, pairs cut to 96 tokens. */
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    static final int MAX_TOKENS = 96;

    public static void main(String[] args) throws Exception {
        System.setProperty("OPT_OUT_TRACKING", "true");
        ObjectMapper json = new ObjectMapper();
        try (InputStream vocabulary = TokenizePairs.class.getClassLoader().getResourceAsStream(TOKENIZER_RESOURCE);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of(
                     "maxLength", Integer.toString(MAX_TOKENS), "truncation", "true", "padding", "false"));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[1]))))) {
            int pairs = 0;
            for (String line : Files.readAllLines(Path.of(args[0]))) {
                JsonNode pair = json.readTree(line);
                String a = pair.get("text_a").asText();
                String b = pair.get("text_b").asText();
                for (int swapped = 0; swapped < 2; swapped++) {
                    Encoding e = swapped == 0 ? tokenizer.encode(a, b) : tokenizer.encode(b, a);
                    out.writeLong(pair.get("id").asLong());
                    out.writeByte(pair.get("label").asInt());
                    out.writeByte(swapped);
                    out.writeShort(e.getIds().length);
                    for (long id : e.getIds()) {
                        out.writeShort((int) id);
                    }
                    for (long type : e.getTypeIds()) {
                        out.writeByte((int) type);
                    }
                }
                pairs++;
            }
            System.out.printf("tokenized %,d pairs into %s%n", pairs, args[1]);
        }
    }
}
