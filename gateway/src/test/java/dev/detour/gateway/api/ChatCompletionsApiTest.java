package dev.detour.gateway.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.support.Http;
import dev.detour.gateway.support.ScriptedFactory;
import dev.detour.gateway.support.TwoTierGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API's own behaviour (validation, errors, failover, SSE framing) with in-process deployments. */
class ChatCompletionsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = """
            {"model":"chat","messages":[{"role":"user","content":"hello there"}]}""";

    private TwoTierGateway gateway;
    private ScriptedFactory factory;
    private Http http;

    @BeforeEach
    void start() {
        gateway = new TwoTierGateway(Duration.ofMillis(400), Duration.ofMillis(500));
        factory = gateway.factory();
        http = gateway.http();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void answersFromTheFirstTierWithDetourHeaders() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Echo: hello there");
        assertThat(body.at("/object").asText()).isEqualTo("chat.completion");
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("first/m");
        assertThat(response.headers().firstValue("x-detour-attempts")).hasValue("1");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void echoesTheClientsRequestId() {
        HttpResponse<String> response = http.send(http.request("/v1/chat/completions")
                .header("Content-Type", "application/json").header("x-request-id", "abc-123")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build());

        assertThat(response.headers().firstValue("x-request-id")).hasValue("abc-123");
    }

    @Test
    void aClientThatLeavesBeforeItsAnswerIsNoFailureOfTheGateway() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(RoutingErrorHandler.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO); // the tests' logging config keeps WARN and above
        try {
            // The first tier hangs past its 400 ms, so the answer (from the second) comes after the client has gone.
            factory.get("first", "m").hanging();
            byte[] body = HELLO.getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
                socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                socket.setSoLinger(true, 0); // close with a reset, as a client that gave up and went away does
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (log.list.stream().noneMatch(e -> e.getFormattedMessage().contains("closed the connection"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains("the client closed the connection before the answer was written"));
            assertThat(log.list).noneMatch(e -> e.getLevel() == Level.ERROR);
            factory.get("first", "m").answering();
            assertThat(http.post("/v1/chat/completions", HELLO).statusCode()).isEqualTo(200);
        } finally {
            logger.detachAppender(log);
            logger.setLevel(before);
        }
    }

    @Test
    void failsOverToTheNextTierOnARetryableFailure() throws Exception {
        factory.get("first", "m").failing(new ProviderException(FailureClass.OVERLOADED, 503, "busy", null, null, null, null));

        HttpResponse<String> response = http.post("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("second/m");
        assertThat(response.headers().firstValue("x-detour-attempts")).hasValue("2");
        assertThat(response.headers().firstValue("x-detour-attempt-log")).hasValue("first/m=overloaded, second/m=ok");
    }

    @Test
    void failsOverWhenTheFirstTierIsSilentPastItsTimeout() {
        factory.get("first", "m").hanging();

        HttpResponse<String> response = http.post("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-attempt-log")).hasValue("first/m=timeout, second/m=ok");
    }

    @Test
    void returnsTheClientsOwnBadRequestWithoutTryingAnotherProvider() throws Exception {
        factory.get("first", "m").failing(new ProviderException(FailureClass.BAD_REQUEST, 422,
                "messages[0]: bad", null, "invalid_value", "messages", null));

        HttpResponse<String> response = http.post("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).at("/error/param").asText()).isEqualTo("messages");
        assertThat(factory.get("second", "m").calls()).isZero();
    }

    @Test
    void aParameterOneProviderCannotHonourTriesTheNextAndIsNamedWhenNoneCan() throws Exception {
        ProviderException unsupported = new ProviderException(FailureClass.BAD_REQUEST, 400,
                "anthropic does not support 'seed'", null, "unsupported_parameter", "seed", null);
        factory.get("first", "m").failing(unsupported);
        factory.get("second", "m").failing(unsupported);

        HttpResponse<String> response = http.post("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("param").asText()).isEqualTo("seed");
        assertThat(error.get("code").asText()).isEqualTo("unsupported_parameter");
    }

    @Test
    void whenEveryProviderFailsTheStatusAndReasonComeFromTheLastOne() throws Exception {
        factory.get("first", "m").failing(new ProviderException(FailureClass.TRANSPORT, "connection refused"));
        factory.get("second", "m").failing(new ProviderException(FailureClass.RATE_LIMITED, 429, "slow down",
                Duration.ofSeconds(7), null, null, null));

        HttpResponse<String> response = http.post("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("message").asText()).contains("slow down").contains("first/m=transport");
        assertThat(error.has("param")).isTrue();
        assertThat(response.body()).doesNotContain("sk-secret");
    }

    @Test
    void allTimeoutsGive504() {
        factory.get("first", "m").hanging();
        factory.get("second", "m").hanging();

        HttpResponse<String> response = http.post("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(504);
    }

    @Test
    void streamsAsServerSentEventsEndingWithDone() {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"chat","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"hello there"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> events = dataLines(response.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        assertThat(events.getFirst()).contains("\"role\":\"assistant\"");
        assertThat(String.join("", events)).contains("\"content\":\"Echo:\"").contains("\"content\":\" hello\"")
                .contains("\"finish_reason\":\"stop\"").contains("\"completion_tokens\":3");
    }

    @Test
    void streamFailsOverBeforeTheFirstByte() {
        factory.get("first", "m").failing(new ProviderException(FailureClass.OVERLOADED, 503, "busy", null, null, null, null));

        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"chat","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("second/m");
        assertThat(dataLines(response.body()).getLast()).isEqualTo("[DONE]");
    }

    @Test
    void aStreamBrokenAfterTheFirstByteEndsWithAnErrorEventAndNoDone() {
        factory.get("first", "m").breakingMidStream(new ProviderException(FailureClass.TRANSPORT, "connection reset"));

        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"chat","stream":true,"messages":[{"role":"user","content":"hello there"}]}""");

        List<String> events = dataLines(response.body());
        assertThat(Http.brokenOff(response)).as("the connection is dropped after the error event").isTrue();
        assertThat(events).doesNotContain("[DONE]");
        assertThat(events.getLast()).contains("\"error\"").contains("stream_interrupted");
        assertThat(String.join("", events)).doesNotContain("finish_reason\":\"stop");
        assertThat(factory.get("second", "m").calls()).isZero();
    }

    @Test
    void malformedJsonIs400InTheOpenAiShape() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", "{\"model\": \"chat\", ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_json");
        assertThat(error.has("message") && error.has("param")).isTrue();
    }

    @Test
    void aWrongTypeNamesTheField() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"chat","temperature":"hot","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/param").asText()).isEqualTo("temperature");
    }

    @Test
    void aNestedWrongTypeNamesItsPath() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"chat","messages":[{"role":"user","content":42}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/param").asText()).isEqualTo("messages[0].content");
    }

    @Test
    void anUnknownParameterIsRefusedByName() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"chat","logprobs":true,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/param").asText()).isEqualTo("logprobs");
    }

    @Test
    void anUnknownRouteIs404ModelNotFound() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"nope","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(4000) + "\"}]}";

        HttpResponse<String> response = http.post("/v1/chat/completions", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void aWrongContentTypeIs415() {
        HttpResponse<String> response = http.post("/v1/chat/completions", "text/plain", HELLO);

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void anUnknownPathIs404InTheOpenAiShape() throws Exception {
        HttpResponse<String> response = http.get("/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("unknown_url");
    }

    @Test
    void missingMessagesIs400() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", "{\"model\":\"chat\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/param").asText()).isEqualTo("messages");
    }

    @Test
    void listsRoutesAndDirectDeploymentsAsModels() throws Exception {
        JsonNode models = JSON.readTree(http.get("/v1/models").body());

        assertThat(models.get("object").asText()).isEqualTo("list");
        assertThat(models.get("data").findValuesAsText("id")).containsExactly("chat", "first/m", "second/m");
    }

    @Test
    void healthAndReadiness() {
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void theProcessSurvivesGarbage() {
        for (String garbage : List.of("", "null", "[]", "\"x\"", "{\"model\":[1]}", "{\"messages\":{}}",
                "{\"model\":\"chat\",\"messages\":[null]}", "{\"model\":\"chat\",\"messages\":[{\"role\":\"wizard\"}]}")) {
            assertThat(http.post("/v1/chat/completions", garbage).statusCode()).as(garbage).isEqualTo(400);
        }
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    }

    private static List<String> dataLines(String sse) {
        return sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }
}
