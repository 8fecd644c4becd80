package dev.detour.cache.policy;

import dev.detour.cache.request.CacheRequest;
import dev.detour.cache.request.Turn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionRulesTest {

    private static final Duration DAY = Duration.ofDays(1);
    private final AdmissionRules rules = AdmissionRules.defaults();

    private static CacheRequest ask(String question, Double temperature) {
        return new CacheRequest("t", "r", List.of(Turn.text("user", question)), null, null, Map.of(), temperature);
    }

    private static AnswerFacts ok() {
        return new AnswerFacts(200, "stop", true, false, AnswerFacts.Origin.REQUESTED_ROUTE);
    }

    @Test
    void aCompleteAnswerFromTheRequestedRouteIsStoredWithTheGivenTtl() {
        StoreDecision d = rules.decide(ask("What is the capital of Peru?", 0.0), ok(), DAY);
        assertThat(d.store()).isTrue();
        assertThat(d.exactOnly()).isFalse();
        assertThat(d.ttl()).isEqualTo(DAY);
    }

    @Test
    void errorsTruncatedUnfinishedFailoverAndDegradedAnswersAreNotStored() {
        CacheRequest q = ask("What is the capital of Peru?", 0.0);
        assertThat(rules.decide(q, new AnswerFacts(500, "stop", true, false, AnswerFacts.Origin.REQUESTED_ROUTE), DAY)
                .reason()).isEqualTo("status 500");
        assertThat(rules.decide(q, new AnswerFacts(200, "length", true, false, AnswerFacts.Origin.REQUESTED_ROUTE), DAY)
                .reason()).isEqualTo("truncated");
        assertThat(rules.decide(q, new AnswerFacts(200, "stop", false, false, AnswerFacts.Origin.REQUESTED_ROUTE), DAY)
                .reason()).isEqualTo("unfinished");
        assertThat(rules.decide(q, new AnswerFacts(200, "content_filter", true, false,
                AnswerFacts.Origin.REQUESTED_ROUTE), DAY).store()).isFalse();
        assertThat(rules.decide(q, new AnswerFacts(200, "stop", true, false, AnswerFacts.Origin.FAILOVER), DAY)
                .reason()).isEqualTo("failover");
        assertThat(rules.decide(q, new AnswerFacts(200, "stop", true, false, AnswerFacts.Origin.DEGRADED), DAY)
                .reason()).isEqualTo("degraded");
    }

    @Test
    void hotSamplingIsNotStoredButUnsetTemperatureIs() {
        assertThat(rules.decide(ask("Tell me a story", 0.9), ok(), DAY).store()).isFalse();
        assertThat(rules.decide(ask("Tell me a story", 0.5), ok(), DAY).store()).isTrue();
        assertThat(rules.decide(ask("Tell me a story", null), ok(), DAY).store()).isTrue();
    }

    @Test
    void toolCallAnswersAndNonTextQuestionsMatchExactlyOnly() {
        AnswerFacts toolCall = new AnswerFacts(200, "tool_calls", true, true, AnswerFacts.Origin.REQUESTED_ROUTE);
        assertThat(rules.decide(ask("Weather in Oslo?", 0.0), toolCall, DAY).exactOnly()).isTrue();
        CacheRequest image = new CacheRequest("t", "r", List.of(new Turn("user", "[{\"type\":\"image_url\"}]", false)),
                null, null, Map.of(), 0.0);
        assertThat(rules.decide(image, ok(), DAY).exactOnly()).isTrue();
    }

    @Test
    void timeSensitiveQuestionsGetAShortTtlOrAreNotStored() {
        StoreDecision shortTtl = rules.decide(ask("What is the latest iPhone?", 0.0), ok(), DAY);
        assertThat(shortTtl.store()).isTrue();
        assertThat(shortTtl.ttl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(shortTtl.reason()).contains("latest");

        AdmissionRules strict = new AdmissionRules(0.5, new TimeSensitivity(TimeSensitivity.Action.NO_STORE,
                Duration.ofMinutes(5), TimeSensitivity.DEFAULT_PHRASES));
        assertThat(strict.decide(ask("What is the current price of gold?", 0.0), ok(), DAY).store()).isFalse();
        assertThat(strict.decide(ask("What is the atomic number of gold?", 0.0), ok(), DAY).store()).isTrue();
    }

    @Test
    void timeSensitivePhrasesMatchWholeWordsOnly() {
        TimeSensitivity rule = TimeSensitivity.defaults();
        assertThat(rule.matchIn("What time is it now?")).isEqualTo("now");
        assertThat(rule.matchIn("Who knows the answer?")).isNull();
        assertThat(rule.matchIn("Is snow white?")).isNull();
        assertThat(rule.matchIn("the   Price  of oil")).isEqualTo("price  of");
        assertThat(new TimeSensitivity(TimeSensitivity.Action.IGNORE, Duration.ZERO, TimeSensitivity.DEFAULT_PHRASES)
                .matchIn("news today")).isNull();
    }
}
