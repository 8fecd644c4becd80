package dev.detour.gateway.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The usage ledger through the real gateway and provider-sim, read back through {@code GET /admin/usage}: one row
 * per answered request, JSON or streamed, with the provider's token counts and the cost at the serving model's
 * prices; failed attempts leave no row.
 */
class UsageLedgerSimTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;

    @BeforeEach
    void start() {
        sim = ProviderSim.start();
        gateway = SimGateway.start(List.of(
                        provider(sim, "a", ProviderKind.OPENAI, new ModelConfig("alpha", 128_000, 3.0, 6.0, false)),
                        provider(sim, "b", ProviderKind.ANTHROPIC, new ModelConfig("beta", 128_000, 1.0, 2.0, false))),
                List.of(new RouteConfig("chat", List.of(tier("a", "alpha", PATIENT), tier("b", "beta", PATIENT)))),
                SimGateway.STREAM_IDLE_LIMIT);
        http = gateway.http();
    }

    @AfterEach
    void stop() {
        gateway.close();
        sim.close();
    }

    @Test
    void aJsonAnswerIsOneRowWithTheProvidersTokensAndItsCost() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ask(false, false));
        JsonNode usage = JSON.readTree(response.body()).get("usage");

        JsonNode ledger = usage("");
        assertThat(ledger.get("rows")).hasSize(1);
        JsonNode row = ledger.get("rows").get(0);
        assertThat(row.get("route").asText()).isEqualTo("chat");
        assertThat(row.get("provider").asText()).isEqualTo("a");
        assertThat(row.get("model").asText()).isEqualTo("alpha");
        assertThat(row.get("prompt_tokens").asInt()).isEqualTo(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(row.get("completion_tokens").asInt()).isEqualTo(usage.get("completion_tokens").asInt()).isPositive();
        assertThat(row.get("cost_usd").asDouble()).isCloseTo(
                (usage.get("prompt_tokens").asInt() * 3.0 + usage.get("completion_tokens").asInt() * 6.0) / 1e6, within(1e-12));
        assertThat(row.get("request_id").asText()).isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
        assertThat(row.get("stream").asBoolean()).isFalse();
        assertThat(row.get("estimated").asBoolean()).isFalse();
        assertThat(row.get("cache").asText()).isEqualTo("miss");
        assertThat(row.get("key").isNull()).isTrue();
        assertThat(ledger.at("/totals/requests").asInt()).isEqualTo(1);
    }

    @Test
    void aStreamedAnswerIsARowWithTheTokensTheProviderReportedAtItsEnd() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", ask(true, true));
        assertThat(response.body()).contains("[DONE]");

        JsonNode row = usage("").get("rows").get(0);
        assertThat(row.get("stream").asBoolean()).isTrue();
        // The sim counts words: "hello there" is 2 prompt words, "Echo: hello there" 3 answer words.
        assertThat(row.get("prompt_tokens").asInt()).isEqualTo(2);
        assertThat(row.get("completion_tokens").asInt()).isEqualTo(3);
        assertThat(row.get("estimated").asBoolean()).isFalse();
    }

    @Test
    void aStreamCountsEvenWhenTheClientDidNotAskForUsage() throws Exception {
        http.post("/v1/chat/completions", ask(true, false));

        JsonNode row = usage("").get("rows").get(0);
        assertThat(row.get("completion_tokens").asInt()).isEqualTo(3);
        assertThat(row.get("estimated").asBoolean()).isFalse();
    }

    @Test
    void failedAttemptsAreNotBilledOnlyTheAnswerIs() throws Exception {
        sim.fault("alpha", Fault.status(503));

        HttpResponse<String> json = http.post("/v1/chat/completions", ask(false, false));
        HttpResponse<String> streamed = http.post("/v1/chat/completions", ask(true, true));

        assertThat(json.headers().firstValue("x-detour-attempts")).hasValue("2");
        assertThat(streamed.headers().firstValue("x-detour-attempts")).hasValue("2");
        JsonNode ledger = usage("");
        assertThat(ledger.get("rows")).hasSize(2);
        ledger.get("rows").forEach(row -> assertThat(row.get("provider").asText()).isEqualTo("b"));
        assertThat(usage("?provider=a").get("rows")).isEmpty();
        assertThat(usage("?provider=b").at("/totals/requests").asInt()).isEqualTo(2);
    }

    @Test
    void aRequestThatGotNoAnswerLeavesNoRow() throws Exception {
        sim.fault("alpha", Fault.status(503));
        sim.fault("beta", Fault.status(503));

        HttpResponse<String> response = http.post("/v1/chat/completions", ask(false, false));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(usage("").get("rows")).isEmpty();
    }

    @Test
    void rowsAreFilteredByRouteAndTime() throws Exception {
        http.post("/v1/chat/completions", ask(false, false));
        http.post("/v1/chat/completions", ask(false, false).replace("\"chat\"", "\"b/beta\""));

        assertThat(usage("?route=chat").get("rows")).hasSize(1);
        assertThat(usage("?route=b/beta").get("rows")).hasSize(1);
        assertThat(usage("").at("/totals/requests").asInt()).isEqualTo(2);
        assertThat(usage("?from=2999-01-01T00:00:00Z").get("rows")).isEmpty();
        assertThat(usage("?to=2000-01-01T00:00:00Z").get("rows")).isEmpty();
        assertThat(http.get("/admin/usage?from=yesterday").statusCode()).isEqualTo(400);
    }

    private JsonNode usage(String query) throws Exception {
        HttpResponse<String> response = http.get("/admin/usage" + query);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String ask(boolean stream, boolean includeUsage) {
        return """
                {"model":"chat","stream":%s,%s"messages":[{"role":"user","content":"hello there"}]}"""
                .formatted(stream, includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "");
    }
}
