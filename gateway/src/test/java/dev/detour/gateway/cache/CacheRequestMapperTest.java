package dev.detour.gateway.cache;

import dev.detour.cache.key.RequestKeys;
import dev.detour.cache.request.CacheRequest;
import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.wire.ChatCompletionRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CacheRequestMapperTest {

    private final JsonCodec json = new JsonCodec();
    private final CacheRequestMapper mapper = new CacheRequestMapper(json.mapper());

    private RequestKeys keys(String body) {
        ChatCompletionRequest request = json.read(body.getBytes(), ChatCompletionRequest.class);
        CacheRequest described = mapper.describe("t", "chat", request).orElseThrow();
        return RequestKeys.of(described);
    }

    private static final String TOOLS_AB = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"number\"}}}}}]";
    private static final String TOOLS_BA = "\"tools\":[{\"function\":{\"parameters\":{\"properties\":{\"b\":"
            + "{\"type\":\"number\"},\"a\":{\"type\":\"string\"}},\"type\":\"object\"},\"name\":\"f\"},\"type\":\"function\"}]";

    @Test
    void keyOrderInsideToolsDoesNotChangeTheKey() {
        String base = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],";
        assertThat(keys(base + TOOLS_AB + "}")).isEqualTo(keys(base + TOOLS_BA + "}"));
    }

    @Test
    void streamUserAndStreamOptionsDoNotChangeTheKeyButSamplingDoes() {
        String plain = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String streamed = "{\"model\":\"chat\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"user\":\"u1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String seeded = "{\"model\":\"chat\",\"seed\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(keys(streamed)).isEqualTo(keys(plain));
        assertThat(keys(seeded).partition()).isNotEqualTo(keys(plain).partition());
    }

    @Test
    void textPartsMatchSemanticallyButImagesOnlyExactly() {
        ChatCompletionRequest parts = json.read(("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"hello \"},{\"type\":\"text\",\"text\":\"there\"}]}]}").getBytes(),
                ChatCompletionRequest.class);
        assertThat(mapper.describe("t", "chat", parts).orElseThrow().semanticText()).isEqualTo("hello there");
        ChatCompletionRequest image = json.read(("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"what is this\"},{\"type\":\"image_url\",\"image_url\":"
                + "{\"url\":\"https://example.com/a.png\"}}]}]}").getBytes(), ChatCompletionRequest.class);
        assertThat(mapper.describe("t", "chat", image).orElseThrow().semanticText()).isNull();
    }

    @Test
    void severalChoicesAreNotCacheable() {
        ChatCompletionRequest n2 = json.read("{\"model\":\"chat\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(), ChatCompletionRequest.class);
        assertThat(mapper.describe("t", "chat", n2)).isEmpty();
    }
}
