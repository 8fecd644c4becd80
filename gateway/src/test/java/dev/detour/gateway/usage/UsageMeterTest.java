package dev.detour.gateway.usage;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.cost.PriceList;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.records.RecordsDatabase;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.Tier;
import dev.detour.gateway.screening.DeploymentProfiles;
import dev.detour.gateway.screening.RequestScreener;
import dev.detour.gateway.screening.RouteScreenings;
import dev.detour.gateway.screening.ScreenedRequest;
import dev.detour.gateway.support.TestDataDirs;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Billing without a server: cached prompt tokens at the cached price, Detour's own counts when a provider gives none. */
class UsageMeterTest {

    private static final DeploymentId MINI = new DeploymentId("oa", "mini");

    private RecordsDatabase database;
    private UsageLedger ledger;
    private PriceList prices;
    private UsageMeter meter;
    private ScreenedRequest screened;

    @BeforeEach
    void start() {
        database = RecordsDatabase.open(TestDataDirs.fresh());
        ledger = new UsageLedger(database);
        DetourConfig config = new DetourConfig(ServerConfig.DEFAULTS, List.of(new ProviderConfig("oa", ProviderKind.OPENAI,
                null, "k", null, null, List.of(new ModelConfig("mini", 128_000, 2.0, 8.0, false, 0.5, List.of())))), List.of());
        prices = new PriceList(config);
        meter = new UsageMeter(prices, TokenCounter.shared(), ledger);
        RequestScreener screener = new RequestScreener(TokenCounter.shared(), DeploymentProfiles.from(config),
                RouteScreenings.from(config), prices, null);
        screened = screener.screen(new Route("r", List.of(new Tier(List.of(MINI), Duration.ofSeconds(1)))),
                new ChatCompletionRequest("r", List.of(ChatMessage.user("the cat sat on a mat")), null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null, null), null);
    }

    @AfterEach
    void stop() {
        ledger.close();
        prices.close();
        database.close();
    }

    @Test
    void cachedPromptTokensAreBilledAtTheCachedPrice() throws Exception {
        double cost = meter.bill("req-1", screened, MINI,
                new Usage(1000, 10, 1010, new Usage.PromptTokensDetails(800)), "ignored", false);

        assertThat(cost).isCloseTo((200 * 2.0 + 800 * 0.5 + 10 * 8.0) / 1e6, within(1e-15));
        assertThat(ledger.flush(Duration.ofSeconds(5))).isTrue();
        UsageRecord row = new UsageQuery(database).find(null, null, null, null, 10).rows().getFirst();
        assertThat(row.cachedTokens()).isEqualTo(800);
        assertThat(row.requestId()).isEqualTo("req-1");
        assertThat(row.estimated()).isFalse();
    }

    @Test
    void withoutTheProvidersUsageDetourCountsAndSaysItEstimated() throws Exception {
        double cost = meter.bill("req-2", screened, MINI, null, "on a mat", true);

        // The prompt estimate: 6 tokens + role 1 + 3 framing + 3 priming; the answer: 3 tokens.
        assertThat(cost).isCloseTo((13 * 2.0 + 3 * 8.0) / 1e6, within(1e-15));
        ledger.flush(Duration.ofSeconds(5));
        UsageRecord row = new UsageQuery(database).find(null, null, null, null, 10).rows().getFirst();
        assertThat(row.promptTokens()).isEqualTo(13);
        assertThat(row.completionTokens()).isEqualTo(3);
        assertThat(row.estimated()).isTrue();
        assertThat(row.stream()).isTrue();
    }

    @Test
    void theLedgerTableIsCreatedOnceAcrossRestarts() {
        ledger.close();
        ledger = new UsageLedger(database);

        Integer applied = database.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_migrations WHERE name = '0001-usage-ledger'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(applied).isEqualTo(1);
    }
}
