package dev.detour.cache.policy;

import dev.detour.cache.request.CacheRequest;

import java.time.Duration;

/**
 * Which answers the cache may keep. Never: errors and non-2xx, truncated answers (finish_reason length), streams that
 * did not end, failover or degraded answers, sampling hotter than {@code maxTemperature} (an unset temperature counts
 * as cacheable: the client did not ask for variety). Tool-call answers and non-text questions match exactly only.
 * Time-sensitive questions follow {@link TimeSensitivity}.
 */
public record AdmissionRules(double maxTemperature, TimeSensitivity timeSensitivity) {

    public static AdmissionRules defaults() {
        return new AdmissionRules(0.5, TimeSensitivity.defaults());
    }

    public StoreDecision decide(CacheRequest request, AnswerFacts answer, Duration ttl) {
        if (answer.status() < 200 || answer.status() > 299) {
            return StoreDecision.skip("status " + answer.status());
        }
        if (!answer.complete()) {
            return StoreDecision.skip("unfinished");
        }
        if ("length".equals(answer.finishReason())) {
            return StoreDecision.skip("truncated");
        }
        if (answer.finishReason() != null && !"stop".equals(answer.finishReason())
                && !"tool_calls".equals(answer.finishReason())) {
            return StoreDecision.skip("finish_reason " + answer.finishReason());
        }
        if (answer.origin() != AnswerFacts.Origin.REQUESTED_ROUTE) {
            return StoreDecision.skip(answer.origin().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (request.temperature() != null && request.temperature() > maxTemperature) {
            return StoreDecision.skip("temperature " + request.temperature() + " > " + maxTemperature);
        }
        Duration effective = ttl;
        String reason = "stored";
        String phrase = timeSensitivity.matchIn(request.lastUserText());
        if (phrase != null) {
            if (timeSensitivity.action() == TimeSensitivity.Action.NO_STORE) {
                return StoreDecision.skip("time-sensitive (\"" + phrase + "\")");
            }
            if (effective.isZero() || timeSensitivity.shortTtl().compareTo(effective) < 0) {
                effective = timeSensitivity.shortTtl();
            }
            reason = "time-sensitive (\"" + phrase + "\"): short TTL";
        }
        boolean exactOnly = answer.hasToolCalls() || request.semanticText() == null;
        return new StoreDecision(true, exactOnly, effective, reason);
    }
}
