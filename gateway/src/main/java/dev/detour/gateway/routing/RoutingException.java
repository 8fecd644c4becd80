package dev.detour.gateway.routing;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A routed call that produced no answer: either a failure the client must see as it is (its own bad request,
 * a content-policy refusal), or every candidate failed. Carries all attempts so the response can say what happened.
 */
public final class RoutingException extends RuntimeException {

    private final String route;
    private final List<Attempt> attempts;
    private final ProviderException decisive;

    public RoutingException(String route, List<Attempt> attempts, ProviderException decisive) {
        super(describe(route, attempts, decisive), decisive);
        this.route = route;
        this.attempts = List.copyOf(attempts);
        this.decisive = decisive;
    }

    public String route() {
        return route;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /** The failure that decides what the client is told (null when the route had no candidate at all). */
    public ProviderException decisive() {
        return decisive;
    }

    /** Whether the client gets the provider's answer as its own error (no other provider would do better). */
    public boolean isClientFacing() {
        return decisive != null && !decisive.failureClass().triesAnotherProvider();
    }

    /** The shortest Retry-After any rate-limited attempt asked for, or null. */
    public Duration retryAfter() {
        // The decisive failure counts too: when every provider was cooling down, none was called.
        return java.util.stream.Stream.concat(attempts.stream().map(Attempt::failure), java.util.stream.Stream.of(decisive))
                .filter(Objects::nonNull)
                .filter(f -> f.failureClass() == FailureClass.RATE_LIMITED && f.retryAfter() != null)
                .map(ProviderException::retryAfter).min(Duration::compareTo).orElse(null);
    }

    private static String describe(String route, List<Attempt> attempts, ProviderException decisive) {
        if (decisive == null) {
            return "route '" + route + "' has no provider to try";
        }
        if (!decisive.failureClass().triesAnotherProvider()) {
            return decisive.getMessage();
        }
        String tried = attempts.stream().map(Attempt::summary).collect(Collectors.joining(", "));
        return "all providers failed for route '" + route + "' (" + tried + "); last: " + decisive.getMessage();
    }
}
