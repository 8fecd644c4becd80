package dev.detour.gateway.cost;

import com.sun.net.httpserver.HttpServer;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.PricesConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PriceListTest {

    private static final DeploymentId MINI = new DeploymentId("oa", "mini");
    private static final DeploymentId OTHER = new DeploymentId("oa", "other");

    @Test
    void withoutASourceTheConfiguredPricesApplyAndUnknownModelsAreFree() {
        try (PriceList prices = new PriceList(config(null))) {
            assertThat(prices.priceOf(MINI)).isEqualTo(new Price(1.0, 2.0, 0.5));
            assertThat(prices.priceOf(new DeploymentId("x", "y"))).isEqualTo(Price.FREE);
            assertThat(prices.reload().reloaded()).isFalse();
        }
    }

    @Test
    void aUrlSourceOverridesByDeploymentThenByModelAndABrokenOneKeepsTheLastGoodList() throws Exception {
        AtomicReference<String> served = new AtomicReference<>("""
                {"prices": [{"provider": "oa", "model": "mini", "input": 3, "output": 4},
                            {"model": "other", "input": 5, "output": 6, "cached_input": 1}]}""");
        AtomicReference<Integer> status = new AtomicReference<>(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/prices.json", exchange -> {
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/prices.json";
        try (PriceList prices = new PriceList(config(url))) {
            assertThat(prices.priceOf(MINI)).isEqualTo(new Price(3, 4, 3));
            assertThat(prices.priceOf(OTHER)).isEqualTo(new Price(5, 6, 1));

            status.set(500);
            PriceReload failed = prices.reload();
            assertThat(failed.reloaded()).isFalse();
            assertThat(failed.error()).contains("HTTP 500");
            assertThat(prices.priceOf(MINI)).isEqualTo(new Price(3, 4, 3));

            status.set(200);
            served.set("{\"prices\": [{\"model\": \"mini\", \"input\": 7, \"output\": 8}, {\"model\": \"mini\", \"input\": 1, \"output\": 1}]}");
            assertThat(prices.reload().error()).contains("listed twice");
            served.set("not json");
            assertThat(prices.reload().error()).contains("not valid JSON");
            assertThat(prices.priceOf(MINI)).isEqualTo(new Price(3, 4, 3));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void costCountsCachedPromptTokensAtTheCachedPrice() {
        Price price = new Price(2.0, 8.0, 0.5);

        assertThat(price.cost(1_000_000, 0, 0)).isCloseTo(2.0, within(1e-12));
        assertThat(price.cost(1_000_000, 400_000, 500_000)).isCloseTo(600_000 * 2e-6 + 400_000 * 0.5e-6 + 4.0, within(1e-12));
    }

    private static DetourConfig config(String source) {
        ProviderConfig provider = new ProviderConfig("oa", ProviderKind.OPENAI, null, "k", null, null,
                List.of(new ModelConfig("mini", 1000, 1.0, 2.0, false, 0.5, List.of()),
                        new ModelConfig("other", 1000, 1.0, 2.0, false)));
        return new DetourConfig(ServerConfig.DEFAULTS, List.of(provider), List.of())
                .withPrices(new PricesConfig(source, Duration.ofHours(1)));
    }
}
