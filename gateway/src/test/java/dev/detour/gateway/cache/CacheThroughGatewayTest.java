package dev.detour.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.cache.embed.EmbeddingModelChoice;
import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.gateway.config.CacheConfig;
import dev.detour.gateway.contract.SseEvents;
import dev.detour.gateway.support.TestDataDirs;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.detour.gateway.cache.CachedGateway.cacheHeader;
import static dev.detour.gateway.cache.CachedGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The semantic cache through the real gateway, against the provider sim (which echoes the question it was asked). */
class CacheThroughGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProviderSim sim;
    private static OnnxEmbedder model;

    private Path dataDir;
    private CachedGateway gateway;

    @BeforeAll
    static void startSim() {
        sim = ProviderSim.start();
        model = OnnxEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_Q);
    }

    @AfterAll
    static void stopSim() {
        sim.close();
        model.close();
    }

    /** The shipped defaults, with a lookup deadline a busy test machine cannot miss (fail-open is tested apart). */
    /** Cosine alone: these cases are about the cache's mechanics, with paraphrases the strict default would refuse. */
    static CacheConfig config() {
        return CacheConfig.DEFAULTS.withLookupTimeout(Duration.ofSeconds(20)).withVerifier(CacheConfig.COSINE_VERIFIER);
    }

    @BeforeEach
    void start() {
        sim.reset();
        dataDir = TestDataDirs.fresh();
        gateway = CachedGateway.start(sim, dataDir, config(), model);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    static ObjectNode request(String route, String system, String question) {
        ObjectNode body = JSON.createObjectNode().put("model", route).put("temperature", 0);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", question);
        return body;
    }

    static String ask(String question) {
        return request("chat", "You are helpful.", question).toString();
    }

    private static String content(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).at("/choices/0/message/content").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }


    @Test
    void aCacheHitIsInTheUsageLedgerAtNoCostWithItsLayerAndItsMaker() throws Exception {
        gateway.chat(ask("What is the boiling point of water?"));
        assertThat(cacheHeader(gateway.chat(ask("What is the boiling point of water?")))).isEqualTo("exact");

        // The ledger is written in batches off the request path: wait (bounded) for both rows.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode rows = json(gateway.send("GET", "/admin/usage", null)).path("rows");
        while (rows.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            rows = json(gateway.send("GET", "/admin/usage", null)).path("rows");
        }
        assertThat(rows.size()).as("%s", rows).isEqualTo(2);
        JsonNode hit = null;
        JsonNode miss = null;
        for (JsonNode row : rows) {
            if ("exact".equals(row.path("cache").asText())) {
                hit = row;
            } else {
                miss = row;
            }
        }
        assertThat(hit).as("a row for the hit in %s", rows).isNotNull();
        assertThat(hit.path("cost_usd").asDouble()).isZero();
        assertThat(hit.path("completion_tokens").asInt()).isZero();
        assertThat(hit.path("provider").asText() + "/" + hit.path("model").asText()).isEqualTo("primary/gpt-a");
        assertThat(miss.path("cache").asText()).isEqualTo("miss");
        assertThat(miss.path("completion_tokens").asInt()).isPositive();
    }

    @Test
    void anIdenticalRequestIsAnsweredExactlyFromTheCache() {
        HttpResponse<String> first = gateway.chat(ask("What is the capital of France?"));
        HttpResponse<String> second = gateway.chat(ask("What is the capital of France?"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(first)).isEqualTo("miss");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(second)).isEqualTo("exact");
        assertThat(content(second)).isEqualTo(content(first)).isEqualTo("Echo: What is the capital of France?");
        assertThat(json(second).get("id").asText()).isNotEqualTo(json(first).get("id").asText());
        assertThat(second.headers().firstValue("x-detour-attempts")).hasValue("0");
        assertThat(second.headers().firstValue("x-detour-provider")).hasValue("primary/gpt-a");
        assertThat(sim.attemptCount("gpt-a")).isEqualTo(1);
    }

    @Test
    void repeatedHitsSendTheStoredAnswerUnderFreshIdsAndStillStreamProperly() throws Exception {
        HttpResponse<String> miss = gateway.chat(ask("What is the capital of Italy?"));
        HttpResponse<String> firstHit = gateway.chat(ask("What is the capital of Italy?"));
        HttpResponse<String> secondHit = gateway.chat(ask("What is the capital of Italy?"));

        for (HttpResponse<String> hit : List.of(firstHit, secondHit)) {
            assertThat(cacheHeader(hit)).isEqualTo("exact");
            assertThat(hit.headers().firstValue("content-type").orElse("")).startsWith("application/json");
            assertThat(hit.headers().firstValue(CacheHeaders.ENTRY_ID).orElse("")).startsWith("ce_");
            assertThat(hit.headers().firstValue("x-detour-route")).hasValue("chat");
            ObjectNode replayed = (ObjectNode) json(hit);
            ObjectNode original = (ObjectNode) json(miss);
            assertThat(replayed.get("id").asText()).startsWith("chatcmpl-").isNotEqualTo(original.get("id").asText());
            assertThat(replayed.get("created").asLong()).isPositive();
            replayed.remove(List.of("id", "created"));
            original.remove(List.of("id", "created"));
            assertThat(replayed).isEqualTo(original);
        }
        assertThat(json(secondHit).get("id").asText()).isNotEqualTo(json(firstHit).get("id").asText());

        // The same entry, already kept ready for JSON, replayed as a stream.
        ObjectNode streamed = request("chat", "You are helpful.", "What is the capital of Italy?").put("stream", true);
        streamed.putObject("stream_options").put("include_usage", true);
        HttpResponse<String> replay = gateway.chat(streamed.toString());
        assertThat(cacheHeader(replay)).isEqualTo("exact");
        assertThat(replay.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> events = SseEvents.json(replay.body());
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            text.append(parse(event).at("/choices/0/delta/content").asText(""));
        }
        assertThat(text.toString()).isEqualTo(content(miss));
        assertThat(parse(events.getLast()).get("usage").get("total_tokens").asInt())
                .isEqualTo(json(miss).get("usage").get("total_tokens").asInt());
        assertThat(SseEvents.data(replay.body()).getLast()).isEqualTo(SseEvents.DONE);
        assertThat(sim.attemptCount("gpt-a")).isEqualTo(1);
    }

    @Test
    void aParaphraseIsASemanticHitWithItsSimilarity() {
        gateway.chat(ask("What is the capital of France?"));
        HttpResponse<String> paraphrase = gateway.chat(ask("What's the capital city of France?"));
        assertThat(cacheHeader(paraphrase)).isEqualTo("semantic");
        assertThat(Double.parseDouble(paraphrase.headers().firstValue(CacheHeaders.SIMILARITY).orElseThrow()))
                .isBetween(0.92, 1.0);
        assertThat(content(paraphrase)).isEqualTo("Echo: What is the capital of France?");
        assertThat(sim.attemptCount("gpt-a")).isEqualTo(1);
    }

    @Test
    void anUnrelatedQuestionGoesToTheProvider() {
        gateway.chat(ask("What is the capital of France?"));
        HttpResponse<String> other = gateway.chat(ask("How do I bake sourdough bread?"));
        assertThat(cacheHeader(other)).isEqualTo("miss");
        assertThat(content(other)).isEqualTo("Echo: How do I bake sourdough bread?");
    }

    @Test
    void systemPromptRouteConversationAndSeedBoundPartitions() {
        gateway.chat(ask("What is the capital of France?"));
        String question = "What is the capital of France?";
        ObjectNode otherSystem = request("chat", "Answer in French.", question);
        ObjectNode otherRoute = request("other", "You are helpful.", question);
        ObjectNode withSeed = request("chat", "You are helpful.", question).put("seed", 7);
        ObjectNode longerConversation = request("chat", "You are helpful.", "Hi");
        longerConversation.withArray("messages").addObject().put("role", "assistant").put("content", "Hello!");
        longerConversation.withArray("messages").addObject().put("role", "user").put("content", question);
        ObjectNode jsonMode = request("chat", "You are helpful.", question);
        jsonMode.putObject("response_format").put("type", "json_object");
        for (ObjectNode body : List.of(otherSystem, otherRoute, withSeed, longerConversation, jsonMode)) {
            assertThat(cacheHeader(gateway.chat(body.toString()))).as(body.toString()).isEqualTo("miss");
        }
        // Each of them is now cached in its own partition.
        assertThat(cacheHeader(gateway.chat(withSeed.toString()))).isEqualTo("exact");
    }

    @Test
    void oneTenantNeverSeesAnothersEntries() {
        gateway.chat(ask("What is the capital of France?"));
        gateway.close();
        gateway = CachedGateway.start(sim, dataDir, config().withTenant("globex"), model);
        assertThat(cacheHeader(gateway.chat(ask("What is the capital of France?")))).isEqualTo("miss");
        gateway.close();
        // The first tenant's entry survived the restarts.
        gateway = CachedGateway.start(sim, dataDir, config(), model);
        assertThat(cacheHeader(gateway.chat(ask("What's the capital city of France?")))).isEqualTo("semantic");
    }

    @Test
    void errorsAreNotCached() {
        sim.fault("gpt-b", Fault.status(503).times(1));
        String body = request("other", "You are helpful.", "What is the capital of Peru?").toString();
        assertThat(gateway.chat(body).statusCode()).isGreaterThanOrEqualTo(500);
        HttpResponse<String> again = gateway.chat(body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(again)).isEqualTo("miss");
    }

    @Test
    void truncatedAnswersAreNotCached() {
        String body = request("chat", "You are helpful.", "Tell me about the history of Rome please").put("max_tokens", 2)
                .toString();
        HttpResponse<String> first = gateway.chat(body);
        assertThat(json(first).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(cacheHeader(gateway.chat(body))).isEqualTo("miss");
        assertThat(sim.attemptCount("gpt-a")).isEqualTo(2);
    }

    @Test
    void aFailoverAnswerIsNotCachedUnderTheRoute() {
        sim.fault("gpt-a", Fault.status(503).times(1));
        HttpResponse<String> failover = gateway.chat(ask("What is the capital of Peru?"));
        assertThat(failover.headers().firstValue("x-detour-provider")).hasValue("backup/gpt-c");
        HttpResponse<String> again = gateway.chat(ask("What is the capital of Peru?"));
        assertThat(cacheHeader(again)).isEqualTo("miss");
        assertThat(again.headers().firstValue("x-detour-provider")).hasValue("primary/gpt-a");
    }

    @Test
    void hotSamplingIsNotCached() {
        String body = request("chat", "You are helpful.", "Write a poem about the sea").put("temperature", 1.2)
                .toString();
        gateway.chat(body);
        assertThat(cacheHeader(gateway.chat(body))).isEqualTo("miss");
    }

    @Test
    void aToolCallAnswerIsAnsweredOnlyForTheIdenticalRequest() {
        ObjectNode body = request("chat", "You are helpful.", "What is the weather in Oslo?");
        ObjectNode function = body.putArray("tools").addObject().put("type", "function").putObject("function");
        function.put("name", "get_weather").putObject("parameters").put("type", "object")
                .putArray("required").add("city");
        ((ObjectNode) function.get("parameters")).putObject("properties").putObject("city").put("type", "string");
        HttpResponse<String> first = gateway.chat(body.toString());
        assertThat(json(first).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        HttpResponse<String> same = gateway.chat(body.toString());
        assertThat(cacheHeader(same)).isEqualTo("exact");
        assertThat(json(same).at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        ((ObjectNode) body.withArray("messages").get(1)).put("content", "Tell me the weather in Oslo");
        assertThat(cacheHeader(gateway.chat(body.toString()))).isEqualTo("miss");
    }

    @Test
    void anEntryExpiresAfterTheTtlTheRequestAskedFor() throws InterruptedException {
        gateway.chat(ask("What is the capital of Chile?"), CacheHeaders.TTL, "1");
        assertThat(cacheHeader(gateway.chat(ask("What is the capital of Chile?")))).isEqualTo("exact");
        // The one sleep of this class: a TTL of a second, through the real clock (the module tests use a test clock).
        Thread.sleep(1_100);
        assertThat(cacheHeader(gateway.chat(ask("What is the capital of Chile?")))).isEqualTo("miss");
    }

    @Test
    void invalidationByProviderRemovesWhatItMade() {
        gateway.chat(ask("What is the capital of France?"));
        gateway.chat(request("other", "s", "What is the capital of Spain?").toString());
        HttpResponse<String> invalidated = gateway.send("POST", "/admin/cache/invalidate",
                "{\"provider\":\"primary\",\"model\":\"gpt-a\"}");
        assertThat(invalidated.statusCode()).isEqualTo(200);
        assertThat(json(invalidated).get("invalidated").asInt()).isEqualTo(1);
        assertThat(cacheHeader(gateway.chat(ask("What is the capital of France?")))).isEqualTo("miss");
        assertThat(cacheHeader(gateway.chat(request("other", "s", "What is the capital of Spain?").toString())))
                .isEqualTo("exact");
        assertThat(gateway.send("POST", "/admin/cache/invalidate", "{}").statusCode()).isEqualTo(400);
        assertThat(gateway.send("POST", "/admin/cache/invalidate", "{\"region\":\"eu\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void purgeByRouteAndById() {
        gateway.chat(ask("What is the capital of France?"));
        gateway.chat(request("other", "s", "What is the capital of Spain?").toString());
        HttpResponse<String> byRoute = gateway.send("DELETE", "/admin/cache?route=other", null);
        assertThat(json(byRoute).get("purged").asInt()).isEqualTo(1);
        String id = gateway.chat(ask("What is the capital of France?")).headers()
                .firstValue(CacheHeaders.ENTRY_ID).orElseThrow();
        assertThat(json(gateway.send("DELETE", "/admin/cache?id=" + id, null)).get("purged").asInt()).isEqualTo(1);
        assertThat(cacheHeader(gateway.chat(ask("What is the capital of France?")))).isEqualTo("miss");
        assertThat(gateway.send("DELETE", "/admin/cache", null).statusCode()).isEqualTo(400);
        assertThat(json(gateway.send("DELETE", "/admin/cache?older_than=0s", null)).get("purged").asInt())
                .isEqualTo(1);
        assertThat(json(gateway.send("GET", "/admin/cache", null)).get("entries").asInt()).isZero();
    }

    @Test
    void aHitIsReplayedAsAStreamWithUsage() {
        gateway.chat(ask("What is the capital of France?"));
        ObjectNode streamed = request("chat", "You are helpful.", "What is the capital of France?").put("stream", true);
        streamed.putObject("stream_options").put("include_usage", true);
        HttpResponse<String> replay = gateway.chat(streamed.toString());
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(cacheHeader(replay)).isEqualTo("exact");
        List<String> events = SseEvents.data(replay.body());
        assertThat(events.getLast()).isEqualTo(SseEvents.DONE);
        StringBuilder text = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        for (String event : SseEvents.json(replay.body())) {
            JsonNode chunk = parse(event);
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            if (chunk.get("choices").isEmpty()) {
                usage = chunk.get("usage");
                continue;
            }
            JsonNode choice = chunk.get("choices").get(0);
            text.append(choice.at("/delta/content").asText(""));
            if (!choice.get("finish_reason").isNull()) {
                finish = choice.get("finish_reason").asText();
            }
        }
        assertThat(text.toString()).isEqualTo("Echo: What is the capital of France?");
        assertThat(finish).isEqualTo("stop");
        assertThat(usage).isNotNull();
        assertThat(usage.get("completion_tokens").asInt()).isPositive();
    }

    @Test
    void aCompleteStreamIsCachedAndABrokenOneIsNot() {
        ObjectNode streamed = request("chat", "You are helpful.", "Name three rivers in Europe").put("stream", true);
        gateway.chat(streamed.toString());
        HttpResponse<String> asJson = gateway.chat(ask("Name three rivers in Europe"));
        assertThat(cacheHeader(asJson)).isEqualTo("exact");
        assertThat(content(asJson)).isEqualTo("Echo: Name three rivers in Europe");

        // Every stream of route "other" (one tier, one model) is cut: whether the cut lands before the first byte
        // (the quick retry is cut too, and the client gets an error) or after it (an error event), nothing completes.
        sim.fault("gpt-b", Fault.cutAfterChunks(4));
        ObjectNode broken = request("other", "You are helpful.", "Name three mountains in Asia").put("stream", true);
        assertThat(gateway.http().post("/v1/chat/completions", broken.toString()).body())
                .doesNotContain(SseEvents.DONE);
        sim.clearFault("gpt-b");
        assertThat(cacheHeader(gateway.chat(request("other", "You are helpful.", "Name three mountains in Asia")
                .toString()))).isEqualTo("miss");
    }

    @Test
    void noStoreBypassRefreshAndOnly() {
        gateway.chat(ask("What is the capital of Kenya?"), "Cache-Control", "no-store");
        assertThat(cacheHeader(gateway.chat(ask("What is the capital of Kenya?"), "x-detour-cache", "bypass")))
                .isEqualTo("miss");
        HttpResponse<String> onlyMiss = gateway.chat(ask("What is the capital of Kenya?"), "x-detour-cache", "only");
        assertThat(onlyMiss.statusCode()).isEqualTo(504);
        assertThat(json(onlyMiss).at("/error/code").asText()).isEqualTo("cache_miss");
        assertThat(sim.attemptCount("gpt-a")).isEqualTo(2);

        gateway.chat(ask("What is the capital of Kenya?"), "x-detour-cache", "refresh");
        assertThat(sim.attemptCount("gpt-a")).isEqualTo(3);
        HttpResponse<String> onlyHit = gateway.chat(ask("What is the capital of Kenya?"), "x-detour-cache", "only");
        assertThat(onlyHit.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(onlyHit)).isEqualTo("exact");
        assertThat(cacheHeader(gateway.chat(ask("What is the capital of Kenya?"), "x-detour-cache", "refresh")))
                .isEqualTo("miss");
        assertThat(sim.attemptCount("gpt-a")).isEqualTo(4);
    }

    @Test
    void aStricterThresholdHeaderTurnsASemanticHitIntoAMiss() {
        gateway.chat(ask("What is the capital of France?"));
        assertThat(cacheHeader(gateway.chat(ask("What's the capital city of France?"),
                CacheHeaders.THRESHOLD, "0.999"))).isEqualTo("miss");
    }

    @Test
    void malformedCacheHeadersAreRefusedWith400() {
        for (String[] header : List.of(new String[]{"x-detour-cache", "sometimes"},
                new String[]{CacheHeaders.TTL, "soon"}, new String[]{CacheHeaders.THRESHOLD, "1.5"})) {
            HttpResponse<String> response = gateway.chat(ask("Hi"), header[0], header[1]);
            assertThat(response.statusCode()).as(header[0]).isEqualTo(400);
            assertThat(json(response).at("/error/param").asText()).isEqualTo(header[0]);
        }
    }

    private static JsonNode parse(String event) {
        try {
            return JSON.readTree(event);
        } catch (Exception e) {
            throw new AssertionError(event, e);
        }
    }
}
