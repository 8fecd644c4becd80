package dev.detour.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.config.CacheConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.TierConfig;
import dev.detour.gateway.contract.SimGateway;
import dev.detour.gateway.health.CircuitState;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.support.Http;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static dev.detour.gateway.contract.SimGateway.chatModel;
import static dev.detour.gateway.contract.SimGateway.provider;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page against a real gateway and provider-sim: it is served as HTML, loads nothing from elsewhere,
 * and every field its script reads is really in the admin JSON it reads it from (a renamed field fails here, not
 * silently in an operator's browser).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIM_KEY = "sim-key-openai";

    private static final List<String> SNAPSHOT_FIELDS = List.of("version", "published_at", "deployments");
    private static final List<String> DEPLOYMENT_FIELDS = List.of("deployment", "state", "failure_rate", "calls",
            "outcomes", "active_checks", "latency_ms", "ttft_ms", "cooling_ms");
    private static final List<String> LATENCY_FIELDS = List.of("p50", "p99");
    private static final List<String> EVENT_FIELDS = List.of("at_millis", "route", "from", "to", "failure_class",
            "latency_added_millis");
    private static final List<String> USAGE_TOTALS = List.of("requests", "prompt_tokens", "completion_tokens",
            "cached_tokens", "cost_usd");
    private static final List<String> CACHE_FIELDS = List.of("lookups", "exactHits", "semanticHits", "misses",
            "failedOpen", "stores", "skippedStores", "entries", "evictions", "expirations");

    private ProviderSim sim;
    private SimGateway gateway;
    private Http http;
    private String page;

    @BeforeAll
    void start() {
        sim = ProviderSim.start();
        gateway = SimGateway.start(SimGateway.config(List.of(provider(sim, "openai", ProviderKind.OPENAI,
                chatModel("primary"), chatModel("backup"))), List.of(new RouteConfig("main", List.of(
                tier("primary"), tier("backup"))))));
        http = gateway.http();
        // One failover, so that /admin/events has a row whose fields can be checked.
        sim.fault("primary", Fault.status(500));
        HttpResponse<String> answer = http.post("/v1/chat/completions",
                "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        gateway.server().failoverEvents().flush();
        page = http.get("/dashboard").body();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sim.close();
    }

    private static TierConfig tier(String model) {
        return new TierConfig(List.of(new DeploymentId("openai", model)), SimGateway.PATIENT);
    }

    @Test
    void theDashboardIsServedAsHtmlWithAndWithoutTheTrailingSlash() {
        for (String path : List.of("/dashboard", "/dashboard/")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(response.headers().firstValue("content-security-policy")).as(path)
                    .hasValue(DashboardEndpoint.CONTENT_SECURITY_POLICY);
            assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("<title>Detour dashboard</title>");
        }
    }

    @Test
    void thePageIsSelfContainedAndReadsTheAdminEndpoints() {
        assertThat(page).contains("\"/admin/health/stream\"", "\"/admin/events\"", "\"/admin/usage\"",
                "\"/admin/cache\"", "new EventSource(");
        // Nothing fetched from elsewhere: no external script, stylesheet, image or font.
        assertThat(page).doesNotContainPattern("(?i)<script[^>]+src=").doesNotContainPattern("(?i)<link[^>]+href=")
                .doesNotContainPattern("(?i)(src|href|url)\\s*[=(]\\s*[\"']?(https?:)?//");
        assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
    }

    @Test
    void everyCircuitStateAndFailureClassHasItsColour() {
        for (CircuitState state : CircuitState.values()) {
            assertThat(page).contains(".state-" + state.wireName() + " {", ".border-" + state.wireName() + " {");
        }
        for (FailureClass failure : FailureClass.values()) {
            assertThat(page).contains(failure.name().toLowerCase(Locale.ROOT) + ": \"#");
        }
    }

    @Test
    void theHealthStreamHasTheFieldsThePageReads() throws Exception {
        HttpResponse<String> stream = http.send(http.request("/admin/health/stream?max_events=1")
                .header("Accept", "text/event-stream").GET().build());
        assertThat(stream.statusCode()).isEqualTo(200);
        String data = stream.body().lines().filter(line -> line.startsWith("data: ")).findFirst().orElseThrow()
                .substring("data: ".length());
        JsonNode snapshot = JSON.readTree(data);
        assertFields(snapshot, SNAPSHOT_FIELDS);
        assertThat(snapshot.get("deployments")).hasSize(2);
        for (JsonNode deployment : snapshot.get("deployments")) {
            assertFields(deployment, DEPLOYMENT_FIELDS);
            assertFields(deployment.get("latency_ms"), LATENCY_FIELDS);
            assertFields(deployment.get("ttft_ms"), LATENCY_FIELDS);
            assertThat(page).contains("state-\" + d.state");
            assertThat(CircuitState.valueOf(deployment.get("state").asText().toUpperCase(Locale.ROOT))).isNotNull();
        }
        assertThat(data).doesNotContain(SIM_KEY);
    }

    @Test
    void theFailoverEventsHaveTheFieldsThePageReads() throws Exception {
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        HttpResponse<String> response = http.get("/admin/events?from=" + hourAgo + "&limit=2000");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode events = JSON.readTree(response.body()).get("data");
        assertThat(page).contains(").data;");
        assertThat(events).isNotEmpty();
        for (JsonNode event : events) {
            assertFields(event, EVENT_FIELDS);
        }
        assertThat(events.get(0).get("from").asText()).isEqualTo("openai/primary");
        assertThat(events.get(0).get("failure_class").asText()).isEqualTo("overloaded");
        assertThat(response.body()).doesNotContain(SIM_KEY);
    }

    @Test
    void theUsageTotalsHaveTheFieldsThePageReads() throws Exception {
        HttpResponse<String> response = http.get("/admin/usage?limit=1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(page).contains(").totals;");
        JsonNode totals = JSON.readTree(response.body()).get("totals");
        assertFields(totals, USAGE_TOTALS);
        assertThat(totals.get("requests").asLong()).isEqualTo(1);
        assertThat(response.body()).doesNotContain(SIM_KEY);
    }

    @Test
    void aGatewayWithoutACacheAnswers409WhichThePageShowsAsCacheOff() {
        assertThat(http.get("/admin/cache").statusCode()).isEqualTo(409);
        assertThat(page).contains("res.status === 409", "\"cache\", \"off\"");
    }

    @Test
    void theCacheCountersHaveTheFieldsThePageReads() throws Exception {
        try (SimGateway cached = SimGateway.start(List.of(provider(sim, "openai", ProviderKind.OPENAI,
                        chatModel("primary"))), List.of(new RouteConfig("solo", List.of(tier("primary")))),
                SimGateway.STREAM_IDLE_LIMIT, config -> config.withCache(CacheConfig.DEFAULTS))) {
            HttpResponse<String> response = cached.http().get("/admin/cache");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertFields(JSON.readTree(response.body()), CACHE_FIELDS);
        }
    }

    /** The node has every field, and the page's script reads each one as a property ({@code x.field}). */
    private void assertFields(JsonNode node, List<String> fields) {
        for (String field : fields) {
            assertThat(node.has(field)).as("%s in %s", field, node).isTrue();
            assertThat(Pattern.compile("\\." + Pattern.quote(field) + "\\b").matcher(page).find())
                    .as("the page reads .%s", field).isTrue();
        }
    }
}
