package dev.detour.gateway.providers.failure;

import com.fasterxml.jackson.core.JsonParseException;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.http.UpstreamHttpException;
import dev.detour.gateway.providers.openai.OpenAiErrorDialect;
import dev.langchain4j.exception.RateLimitException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private static final String KEY = "sk-live-abcdef123456";
    private final FailureClassifier classifier = new FailureClassifier(ProviderKind.OPENAI, new OpenAiErrorDialect(),
            new SecretRedactor(KEY, List.of("org-secret-header-value")), Clock.systemUTC());

    private static UpstreamHttpException http(int status, String body, String... headerPairs) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            map.put(headerPairs[i], List.of(headerPairs[i + 1]));
        }
        return new UpstreamHttpException(status, HttpHeaders.of(map, (a, b) -> true), body);
    }

    @Test
    void findsOurHttpFailureBehindLangChain4jsMapping() {
        var e = classifier.classify(new RateLimitException(http(429, "{\"error\":{\"message\":\"slow down\"}}", "retry-after", "4")));

        assertThat(e.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4));
        assertThat(e.getMessage()).isEqualTo("slow down");
    }

    @Test
    void mapsStatusesToClasses() {
        assertThat(classifier.classify(http(500, "oops")).failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(classifier.classify(http(502, "")).failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(classifier.classify(http(503, "")).failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(classifier.classify(http(504, "")).failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(classifier.classify(http(401, "")).failureClass()).isEqualTo(FailureClass.AUTH_OR_CONFIG);
        assertThat(classifier.classify(http(403, "")).failureClass()).isEqualTo(FailureClass.AUTH_OR_CONFIG);
        assertThat(classifier.classify(http(404, "")).failureClass()).isEqualTo(FailureClass.AUTH_OR_CONFIG);
        var badRequest = classifier.classify(http(400, "{\"error\":{\"message\":\"bad temperature\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}"));
        assertThat(badRequest.failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
        assertThat(badRequest.param()).isEqualTo("temperature");
        assertThat(badRequest.code()).isEqualTo("invalid_value");
        assertThat(classifier.classify(http(429, "{\"error\":{\"message\":\"quota\",\"code\":\"insufficient_quota\"}}"))
                .failureClass()).isEqualTo(FailureClass.AUTH_OR_CONFIG);
    }

    @Test
    void transportTimeoutAndUnparsableFailures() {
        assertThat(classifier.classify(new UncheckedIOException(new ConnectException("Connection refused")))
                .failureClass()).isEqualTo(FailureClass.TRANSPORT);
        assertThat(classifier.classify(new RuntimeException(new HttpTimeoutException("request timed out")))
                .failureClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(classifier.classify(new RuntimeException(new JsonParseException(null, "Unexpected character")))
                .failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        assertThat(classifier.classify(new NullPointerException()).failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
    }

    @Test
    void secretsAreRedactedFromEveryMessage() {
        var e = classifier.classify(http(401, "{\"error\":{\"message\":\"bad key " + KEY
                + " with header org-secret-header-value\",\"code\":\"" + KEY + "\"}}"));
        assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("org-secret-header-value").contains("[redacted]");
        assertThat(e.code()).doesNotContain(KEY);

        var transport = classifier.classify(new UncheckedIOException(new ConnectException("refused for " + KEY)));
        assertThat(transport.getMessage()).doesNotContain(KEY);
    }
}
