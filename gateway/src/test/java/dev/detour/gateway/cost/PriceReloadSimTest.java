package dev.detour.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.PricesConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.gateway.support.TestDataDirs;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Prices from a price file, changed without a restart through {@code POST /admin/prices/reload}; a broken file is
 * refused and the last good prices stay in force.
 */
class PriceReloadSimTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;
    private Path priceFile;

    @BeforeEach
    void start() throws Exception {
        sim = ProviderSim.start();
        priceFile = TestDataDirs.fresh().resolve("prices.json");
        writePrices(10.0, 20.0);
        gateway = SimGateway.start(List.of(provider(sim, "oa", ProviderKind.OPENAI,
                        new ModelConfig("tin", 128_000, 1.0, 2.0, false))),
                List.of(new RouteConfig("chat", List.of(tier("oa", "tin", PATIENT)))), SimGateway.STREAM_IDLE_LIMIT,
                config -> config.withPrices(new PricesConfig(priceFile.toString(), Duration.ofHours(1))));
        http = gateway.http();
    }

    @AfterEach
    void stop() {
        gateway.close();
        sim.close();
    }

    @Test
    void theSourcesPricesWinOverTheConfiguredOnes() throws Exception {
        assertCostAt(10.0, 20.0);
    }

    @Test
    void aReloadPutsNewPricesInForceWithoutARestart() throws Exception {
        writePrices(100.0, 400.0);

        HttpResponse<String> reload = http.post("/admin/prices/reload", "");

        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(reload.body()).get("reloaded").asBoolean()).isTrue();
        assertCostAt(100.0, 400.0);
    }

    @Test
    void aBrokenSourceKeepsTheLastGoodPricesAndSaysSo() throws Exception {
        Files.writeString(priceFile, "{\"prices\": [{\"model\": \"tin\", \"input\": \"cheap\"}]}");

        HttpResponse<String> reload = http.post("/admin/prices/reload", "");

        assertThat(reload.statusCode()).isEqualTo(502);
        JsonNode body = JSON.readTree(reload.body());
        assertThat(body.get("reloaded").asBoolean()).isFalse();
        assertThat(body.get("error").asText()).contains("prices[0].input");
        assertThat(body.get("kept").asText()).startsWith("the list loaded at");
        assertCostAt(10.0, 20.0);

        Files.delete(priceFile);
        assertThat(http.post("/admin/prices/reload", "").statusCode()).isEqualTo(502);
        assertCostAt(10.0, 20.0);
    }

    private void assertCostAt(double input, double output) throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"chat","messages":[{"role":"user","content":"hello there"}]}""");
        JsonNode usage = JSON.readTree(response.body()).get("usage");
        double expected = (usage.get("prompt_tokens").asInt() * input + usage.get("completion_tokens").asInt() * output) / 1e6;
        assertThat(Double.parseDouble(response.headers().firstValue("x-detour-cost-usd").orElseThrow()))
                .isCloseTo(expected, within(1e-8));
    }

    private void writePrices(double input, double output) throws Exception {
        Files.writeString(priceFile, """
                {"prices": [{"provider": "oa", "model": "tin", "input": %s, "output": %s}]}""".formatted(input, output));
    }
}
