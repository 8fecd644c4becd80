package dev.detour.gateway.usage;

import dev.detour.gateway.cost.PriceList;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.screening.CandidatePlan;
import dev.detour.gateway.screening.DeploymentProfile;
import dev.detour.gateway.screening.ScreenedRequest;
import dev.detour.gateway.tokens.PromptTokens;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.wire.Usage;

import java.time.Instant;

/**
 * Turns an answered request into its usage record and cost, at the serving deployment's current price. When the
 * provider reported no usage, Detour's own counts stand in (the prompt estimate and the answer's tokens) and the
 * record says so. Only the answering attempt is billed: failed attempts produced no completion.
 */
public final class UsageMeter {

    public static final String NO_CACHE = "miss";

    private final PriceList prices;
    private final TokenCounter tokens;
    private final UsageLedger ledger;

    public UsageMeter(PriceList prices, TokenCounter tokens, UsageLedger ledger) {
        this.prices = prices;
        this.tokens = tokens;
        this.ledger = ledger;
    }

    /**
     * Records a request the cache answered: no provider was called, so nothing is billed; the row names the layer
     * ({@code exact} or {@code semantic}) and the deployment that made the answer originally.
     */
    public void recordCacheHit(String requestId, String route, DeploymentId madeBy, String cacheResult,
                               boolean stream) {
        ledger.record(new UsageRecord(Instant.now(), requestId, null, route, madeBy.provider(), madeBy.model(),
                0, 0, 0, 0.0, cacheResult, stream, false));
    }

    /** Records the request in the ledger and returns its cost in USD. */
    public double bill(String requestId, ScreenedRequest screened, DeploymentId servedBy, Usage usage,
                       String answerText, boolean stream) {
        int prompt;
        int completion;
        int cached = 0;
        boolean estimated = usage == null;
        if (estimated) {
            CandidatePlan plan = screened.plan(servedBy);
            DeploymentProfile profile = screened.profiles().get(servedBy);
            prompt = plan != null && plan.promptCounted() ? plan.promptTokens()
                    : profile == null ? 0 : new PromptTokens(tokens, screened.request()).estimate(profile.tokenizer());
            completion = profile == null ? 0 : tokens.count(profile.tokenizer(), answerText);
        } else {
            prompt = usage.promptTokens();
            completion = usage.completionTokens();
            cached = usage.cachedTokens();
        }
        double cost = prices.priceOf(servedBy).cost(prompt, cached, completion);
        ledger.record(new UsageRecord(Instant.now(), requestId, null, screened.route().name(), servedBy.provider(),
                servedBy.model(), prompt, completion, cached, cost, NO_CACHE, stream, estimated));
        return cost;
    }
}
