package dev.detour.gateway.screening;

import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.config.RouteScreening;
import dev.detour.gateway.cost.PriceList;
import dev.detour.gateway.language.PromptLanguageDetector;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.Tier;
import dev.detour.gateway.tokens.PromptTokens;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Screens a route's candidates for one chat request, before any provider is called: the route's minimum context
 * window, the prompt's language, the context window (trimming the conversation when the route allows and nothing
 * fits), and the cost budget. Each screen that leaves no candidate answers with its own 400. Reads only immutable
 * snapshots (profiles, the price book): no I/O, no lock.
 */
public final class RequestScreener {

    private final TokenCounter tokens;
    private final DeploymentProfiles profiles;
    private final RouteScreenings screenings;
    private final PriceList prices;
    /** Null when no route asks for language routing: then no detector is loaded at all. */
    private final PromptLanguageDetector languages;

    public RequestScreener(TokenCounter tokens, DeploymentProfiles profiles, RouteScreenings screenings,
                           PriceList prices, PromptLanguageDetector languages) {
        this.tokens = tokens;
        this.profiles = profiles;
        this.screenings = screenings;
        this.prices = prices;
        this.languages = languages;
    }

    public TokenCounter tokens() {
        return tokens;
    }

    /** @param budgetHeader the client's {@code x-detour-max-cost-usd}, or null */
    public ScreenedRequest screen(Route route, ChatCompletionRequest request, String budgetHeader) {
        RouteScreening settings = screenings.of(route.name());
        Double budget = CostBudget.of(budgetHeader, settings.maxCostUsd());
        Map<DeploymentId, DeploymentProfile> involved = new HashMap<>();
        route.tiers().stream().map(Tier::deployments).flatMap(List::stream)
                .forEach(id -> involved.put(id, profiles.of(id)));
        if (involved.isEmpty()) {
            return new ScreenedRequest(route, request, Map.of(), Map.of(), 0, null);
        }

        Route screened = minimumWindow(route, settings);
        String language = null;
        if (!settings.languagesRequired().isEmpty() && languages != null) {
            language = languages.detect(lastUserText(request));
            screened = languageScreen(screened, settings, language);
        }

        PromptTokens prompt = new PromptTokens(tokens, request);
        Integer clientLimit = request.outputTokenLimit();
        // A budget needs every candidate's exact count; without one, a prompt far smaller than every window is not
        // tokenized at all.
        boolean exact = budget != null;
        Map<DeploymentId, ContextFit.Fit> fits = fits(screened, prompt, clientLimit, exact);
        int trimmed = 0;
        if (fits.isEmpty()) {
            if (settings.onContextOverflow() != RouteScreening.ContextOverflow.TRIM) {
                throw tooLong(screened, prompt, clientLimit, "");
            }
            DeploymentProfile smallest = candidates(screened).stream().map(profiles::of)
                    .min(Comparator.comparingInt(DeploymentProfile::contextWindow)).orElseThrow();
            int answerRoom = clientLimit != null ? clientLimit : ContextFit.MIN_ANSWER_TOKENS;
            List<ChatMessage> kept = ConversationTrimmer.trim(request.messages(), prompt, smallest.tokenizer(),
                    smallest.contextWindow() - answerRoom);
            if (kept == null) {
                throw tooLong(screened, prompt, clientLimit,
                        " even with every older turn dropped (the system prompt and the last turn are kept)");
            }
            trimmed = request.messages().size() - kept.size();
            request = request.withMessages(kept);
            prompt = new PromptTokens(tokens, request);
            fits = fits(screened, prompt, clientLimit, exact);
            if (fits.isEmpty()) {
                throw tooLong(screened, prompt, clientLimit, " after trimming " + trimmed + " messages");
            }
        }
        Map<DeploymentId, ContextFit.Fit> windowFits = fits;
        screened = screened.restrictedTo(windowFits::containsKey);

        Map<DeploymentId, CandidatePlan> plans = new LinkedHashMap<>();
        windowFits.forEach((id, fit) -> plans.put(id, new CandidatePlan(id, fit.promptTokens(), fit.adjustedLimit(),
                fit.outputAtMost(), exact ? prices.priceOf(id).cost(fit.promptTokens(), 0, fit.outputAtMost()) : Double.NaN)));
        if (budget != null) {
            double limit = budget;
            Route affordable = screened.restrictedTo(id -> plans.get(id).estimatedCostUsd() <= limit);
            if (affordable.tiers().isEmpty()) {
                throw overBudget(limit, plans, clientLimit);
            }
            screened = affordable;
        }
        return new ScreenedRequest(screened, request, plans, involved, trimmed, language);
    }

    private Route minimumWindow(Route route, RouteScreening settings) {
        if (settings.minContextWindow() <= 0) {
            return route;
        }
        Route kept = route.restrictedTo(id -> profiles.of(id).contextWindow() >= settings.minContextWindow());
        if (kept.tiers().isEmpty()) {
            throw new ApiException(400, "invalid_request_error", "context_length_exceeded", "messages",
                    "route '" + route.name() + "' requires a context window of at least " + settings.minContextWindow()
                            + " tokens and none of its models has one");
        }
        return kept;
    }

    private Route languageScreen(Route route, RouteScreening settings, String language) {
        if (language == null || !settings.languagesRequired().contains(language)) {
            return route;
        }
        Route kept = route.restrictedTo(id -> profiles.of(id).languages().contains(language));
        if (kept.tiers().isEmpty()) {
            throw new ApiException(400, "invalid_request_error", "language_not_served", "messages",
                    "the prompt is in '" + language + "' and route '" + route.name()
                            + "' has no model that declares it in its languages");
        }
        return kept;
    }

    private Map<DeploymentId, ContextFit.Fit> fits(Route route, PromptTokens prompt, Integer clientLimit,
                                                   boolean exact) {
        Map<DeploymentId, ContextFit.Fit> fits = new LinkedHashMap<>();
        for (DeploymentId id : candidates(route)) {
            ContextFit.Fit fit = ContextFit.check(profiles.of(id), prompt, clientLimit, exact);
            if (fit != null) {
                fits.put(id, fit);
            }
        }
        return fits;
    }

    private static List<DeploymentId> candidates(Route route) {
        return route.tiers().stream().map(Tier::deployments).flatMap(List::stream).toList();
    }

    private ApiException tooLong(Route route, PromptTokens prompt, Integer clientLimit, String detail) {
        DeploymentProfile largest = candidates(route).stream().map(profiles::of)
                .max(Comparator.comparingInt(DeploymentProfile::contextWindow)).orElseThrow();
        String asked = clientLimit == null ? "" : " plus max_tokens " + clientLimit;
        return new ApiException(400, "invalid_request_error", "context_length_exceeded", "messages",
                "the conversation (about " + prompt.estimate(largest.tokenizer()) + " tokens" + asked
                        + ") does not fit the context window of any model of route '" + route.name()
                        + "' (largest: " + largest.contextWindow() + " tokens, " + largest.id() + ")" + detail);
    }

    private static ApiException overBudget(double budget, Map<DeploymentId, CandidatePlan> plans, Integer clientLimit) {
        CandidatePlan cheapest = plans.values().stream()
                .min(Comparator.comparingDouble(CandidatePlan::estimatedCostUsd)).orElseThrow();
        String hint = clientLimit == null ? "; set max_tokens to bound the answer's cost" : "";
        return new ApiException(400, "invalid_request_error", "budget_exceeded", CostBudget.HEADER,
                String.format(Locale.ROOT, "no model of this route fits the cost budget of $%.6f: the cheapest, %s, "
                                + "may cost up to $%.6f (%d prompt tokens, up to %d answer tokens)%s",
                        budget, cheapest.id(), cheapest.estimatedCostUsd(), cheapest.promptTokens(),
                        cheapest.outputTokensAtMost(), hint));
    }

    private static String lastUserText(ChatCompletionRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        return null;
    }
}
