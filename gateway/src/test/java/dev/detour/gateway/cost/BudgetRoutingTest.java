package dev.detour.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.RouteScreening;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Cost budgets through the real gateway and provider-sim: a candidate whose estimated cost is over the budget
 * (header or route default) is skipped without a call; when none is affordable the client gets 400 budget_exceeded;
 * the answer's cost at the serving model's prices is in {@code x-detour-cost-usd}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouteScreening CAPPED = new RouteScreening(0, RouteScreening.ContextOverflow.REJECT, 0.01, List.of());

    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        gateway = SimGateway.start(List.of(
                        provider(sim, "dear", ProviderKind.OPENAI, new ModelConfig("gold", 128_000, 1000.0, 2000.0, false)),
                        provider(sim, "cheap", ProviderKind.OPENAI, new ModelConfig("tin", 128_000, 1.0, 2.0, false))),
                List.of(new RouteConfig("chat", List.of(tier("dear", "gold", PATIENT), tier("cheap", "tin", PATIENT))),
                        new RouteConfig("capped", List.of(tier("dear", "gold", PATIENT), tier("cheap", "tin", PATIENT)), CAPPED)),
                SimGateway.STREAM_IDLE_LIMIT);
        http = gateway.http();
    }

    @AfterEach
    void resetSim() {
        sim.reset();
    }

    @AfterAll
    void stop() {
        gateway.close();
        sim.close();
    }

    @Test
    void withoutABudgetTheFirstTierAnswersAndItsCostIsInAHeader() throws Exception {
        HttpResponse<String> response = post("chat", null);

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("dear/gold");
        JsonNode usage = JSON.readTree(response.body()).get("usage");
        double expected = (usage.get("prompt_tokens").asInt() * 1000.0 + usage.get("completion_tokens").asInt() * 2000.0) / 1e6;
        assertThat(Double.parseDouble(response.headers().firstValue("x-detour-cost-usd").orElseThrow()))
                .isCloseTo(expected, within(1e-8));
    }

    @Test
    void aCandidateOverTheClientsBudgetIsSkippedWithoutACall() {
        HttpResponse<String> response = post("chat", "0.01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("cheap/tin");
        assertThat(response.headers().firstValue("x-detour-attempts")).hasValue("1");
        assertThat(sim.attemptCount("gold")).isZero();
    }

    @Test
    void theRoutesDefaultBudgetAppliesWhenTheClientSetsNone() {
        HttpResponse<String> response = post("capped", null);

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("cheap/tin");
        assertThat(sim.attemptCount("gold")).isZero();
    }

    @Test
    void aClientCannotRaiseTheRoutesBudget() {
        HttpResponse<String> response = post("capped", "100");

        assertThat(response.headers().firstValue("x-detour-provider")).hasValue("cheap/tin");
    }

    @Test
    void whenNoCandidateIsAffordableTheClientGets400BudgetExceeded() throws Exception {
        HttpResponse<String> response = post("chat", "0.0000001");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.get("param").asText()).isEqualTo("x-detour-max-cost-usd");
        assertThat(error.get("message").asText()).contains("cheap/tin");
        assertThat(sim.attemptCounts().values().stream().mapToInt(Integer::intValue).sum()).isZero();
    }

    @Test
    void aBudgetThatIsNotAPositiveNumberIsTheClientsError() throws Exception {
        HttpResponse<String> response = post("chat", "cheap");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_value");
    }

    private HttpResponse<String> post(String route, String budget) {
        HttpRequest.Builder request = http.request("/v1/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","max_tokens":50,"messages":[{"role":"user","content":"hello there"}]}"""
                        .formatted(route)));
        if (budget != null) {
            request.header("x-detour-max-cost-usd", budget);
        }
        return http.send(request.build());
    }
}
