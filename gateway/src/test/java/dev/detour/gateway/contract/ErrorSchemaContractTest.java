package dev.detour.gateway.contract;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.support.Http;
import dev.detour.gateway.support.ScriptedFactory;
import dev.detour.gateway.support.TwoTierGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error the gateway itself produces is an OpenAI ErrorResponse with the right status (in-process deployments). */
class ErrorSchemaContractTest {

    private static final String HELLO = """
            {"model":"chat","messages":[{"role":"user","content":"hello there"}]}""";

    private final OpenAiSpec spec = OpenAiSpec.load();
    private TwoTierGateway gateway;
    private ScriptedFactory factory;
    private Http http;

    @BeforeEach
    void start() {
        gateway = new TwoTierGateway(Duration.ofMillis(300), Duration.ofMillis(500));
        factory = gateway.factory();
        http = gateway.http();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void malformedJsonIsA400ErrorResponse() {
        assertError(http.post("/v1/chat/completions", "{\"model\": \"chat\", "), 400);
    }

    @Test
    void aMissingRequiredFieldIsA400ErrorResponse() {
        assertError(http.post("/v1/chat/completions", "{\"model\":\"chat\"}"), 400);
    }

    @Test
    void anUnknownModelIsA404ErrorResponse() {
        assertError(http.post("/v1/chat/completions", HELLO.replace("\"chat\"", "\"no-such-model\"")), 404);
    }

    @Test
    void anUnknownPathIsA404ErrorResponse() {
        assertError(http.get("/v1/no-such-endpoint"), 404);
    }

    @Test
    void aBodyOverTheLimitIsA413ErrorResponse() {
        String big = HELLO.replace("hello there", "x".repeat(4000));

        assertError(http.post("/v1/chat/completions", big), 413);
    }

    @Test
    void aWrongContentTypeIsA415ErrorResponse() {
        assertError(http.post("/v1/chat/completions", "text/plain", HELLO), 415);
    }

    @Test
    void everyProviderUnreachableIsA502ErrorResponse() {
        factory.get("first", "m").failing(new ProviderException(FailureClass.TRANSPORT, "connection refused"));
        factory.get("second", "m").failing(new ProviderException(FailureClass.BAD_RESPONSE, "not JSON"));

        assertError(http.post("/v1/chat/completions", HELLO), 502);
    }

    @Test
    void everyProviderSilentIsA504ErrorResponse() {
        factory.get("first", "m").hanging();
        factory.get("second", "m").hanging();

        assertError(http.post("/v1/chat/completions", HELLO), 504);
    }

    @Test
    void aStreamThatFailsBeforeItStartsIsAnErrorResponseNotAStream() {
        factory.get("first", "m").failing(new ProviderException(FailureClass.TRANSPORT, "connection refused"));
        factory.get("second", "m").failing(new ProviderException(FailureClass.TRANSPORT, "connection refused"));

        HttpResponse<String> response = http.post("/v1/chat/completions",
                HELLO.replace("{\"model\"", "{\"stream\":true,\"model\""));

        assertError(response, 502);
    }

    @Test
    void theErrorEventOfAStreamBrokenMidwayIsAnErrorResponse() {
        factory.get("first", "m").breakingMidStream(new ProviderException(FailureClass.TRANSPORT, "connection reset"));

        HttpResponse<String> response = http.post("/v1/chat/completions",
                HELLO.replace("{\"model\"", "{\"stream\":true,\"model\""));

        List<String> events = SseEvents.data(response.body());
        assertThat(events).doesNotContain(SseEvents.DONE);
        spec.assertConforms("ErrorResponse", events.getLast());
        events.subList(0, events.size() - 1)
                .forEach(chunk -> spec.assertConforms("CreateChatCompletionStreamResponse", chunk));
    }

    private void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        spec.assertConforms("ErrorResponse", response.body());
    }
}
