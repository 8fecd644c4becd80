package dev.detour.gateway.routing;

import dev.detour.gateway.health.CircuitState;
import dev.detour.gateway.health.DeploymentStatus;
import dev.detour.gateway.health.HealthSnapshot;
import dev.detour.gateway.providers.DeploymentId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ordering a route's candidates from a health snapshot: strategies, weights, probe turns, held-back circuits. */
class CandidatePlannerTest {

    private static final DeploymentId A = DeploymentId.parse("a/m");
    private static final DeploymentId B = DeploymentId.parse("b/m");
    private static final DeploymentId C = DeploymentId.parse("c/m");
    private static final Duration T = Duration.ofSeconds(2);
    private static final Map<DeploymentId, Double> PRICES = Map.of(A, 10.0, B, 1.0, C, 5.0);

    private final Map<DeploymentId, DeploymentStatus> statuses = new HashMap<>();
    private final long now = System.nanoTime();

    private CandidatePlanner planner(double probeShare) {
        return new CandidatePlanner(PRICES::get, probeShare);
    }

    private HealthSnapshot snapshot() {
        return new HealthSnapshot(1, 0, statuses);
    }

    private void set(DeploymentId id, CircuitState state, double ttftMillis, long probeAt, long coolingUntil) {
        statuses.put(id, new DeploymentStatus(id, state, 0, 10, Map.of(), Map.of(), ttftMillis, ttftMillis,
                ttftMillis, ttftMillis, probeAt, coolingUntil, 0));
    }

    private static List<DeploymentId> ids(CandidatePlan plan) {
        return plan.candidates().stream().map(Candidate::deployment).toList();
    }

    @Test
    void priorityKeepsTiersAndListedOrder() {
        Route route = new Route("r", List.of(new Tier(List.of(A, B), T), new Tier(List.of(C), T)));

        assertThat(ids(planner(0.02).plan(route, snapshot(), now))).containsExactly(A, B, C);
    }

    @Test
    void anOpenCircuitIsHeldBackAsTheLastResortUntilItsProbeIsDue() {
        set(A, CircuitState.OPEN, Double.NaN, now + Duration.ofSeconds(5).toNanos(), 0);
        Route route = new Route("r", List.of(new Tier(List.of(A), T), new Tier(List.of(B), T)));

        CandidatePlan plan = planner(0).plan(route, snapshot(), now);
        assertThat(ids(plan)).containsExactly(B);
        assertThat(plan.lastResort().deployment()).isEqualTo(A);

        CandidatePlan later = planner(0).plan(route, snapshot(), now + Duration.ofSeconds(6).toNanos());
        assertThat(ids(later)).as("a due probe goes in its normal place").containsExactly(A, B);
    }

    @Test
    void aCoolingDeploymentIsNeverForcedAndItsWaitIsReported() {
        set(A, CircuitState.COOLING, Double.NaN, 0, now + Duration.ofMillis(700).toNanos());
        Route route = new Route("r", List.of(new Tier(List.of(A), T)));

        CandidatePlan plan = planner(0).plan(route, snapshot(), now);
        assertThat(plan.candidates()).isEmpty();
        assertThat(plan.lastResort()).isNull();
        assertThat(plan.coolingNanos()).isEqualTo(Duration.ofMillis(700).toNanos());
        assertThat(ids(planner(0).plan(route, snapshot(), now + Duration.ofMillis(701).toNanos()))).containsExactly(A);
    }

    @Test
    void cheapestFirstStartsWithTheCheapestHealthyThenTheFastestDearerOnes() {
        set(A, CircuitState.CLOSED, 100, 0, 0);
        set(C, CircuitState.CLOSED, 900, 0, 0);
        Route route = new Route("r", List.of(new Tier(List.of(A, B, C), T)), Strategy.CHEAPEST_FIRST);

        assertThat(ids(planner(0).plan(route, snapshot(), now))).containsExactly(B, A, C);

        set(B, CircuitState.OPEN, Double.NaN, now + Duration.ofSeconds(5).toNanos(), 0);
        CandidatePlan plan = planner(0).plan(route, snapshot(), now);
        assertThat(ids(plan)).as("the cheapest healthy one: C costs 5, A 10").startsWith(C);
        assertThat(plan.lastResort().deployment()).isEqualTo(B);
    }

    @Test
    void aDueProbeGoesFirstWhateverTheStrategySoAnOpenCircuitCanClose() {
        set(A, CircuitState.CLOSED, 10, 0, 0);
        set(B, CircuitState.CLOSED, 20, 0, 0);
        set(C, CircuitState.OPEN, 900, now - 1, 0);
        Route route = new Route("r", List.of(new Tier(List.of(A, B, C), T)), Strategy.LATENCY);

        assertThat(ids(planner(0).plan(route, snapshot(), now))).containsExactly(C, A, B);
    }

    @Test
    void latencyPrefersTheLowestTimeToFirstTokenAndTriesUnmeasuredOnesFirst() {
        set(A, CircuitState.CLOSED, 300, 0, 0);
        set(B, CircuitState.CLOSED, 50, 0, 0);
        set(C, CircuitState.CLOSED, 120, 0, 0);
        Route route = new Route("r", List.of(new Tier(List.of(A, B, C), T)), Strategy.LATENCY);

        assertThat(ids(planner(0).plan(route, snapshot(), now))).containsExactly(B, C, A);

        statuses.remove(C);
        assertThat(ids(planner(0).plan(route, snapshot(), now))).containsExactly(C, B, A);
    }

    @Test
    void weightsShareTheFirstChoiceInProportion() {
        Route route = new Route("r", List.of(new Tier(List.of(A, B), T, null, null, List.of(3, 1))));
        CandidatePlanner planner = planner(0);
        Map<DeploymentId, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            firsts.merge(ids(planner.plan(route, snapshot(), now)).getFirst(), 1, Integer::sum);
        }
        assertThat(firsts).containsEntry(A, 300).containsEntry(B, 100);
    }

    @Test
    void everyCandidateKeepsItsProbeShareOfFirstChoices() {
        set(A, CircuitState.CLOSED, 10, 0, 0);
        set(B, CircuitState.CLOSED, 500, 0, 0);
        set(C, CircuitState.CLOSED, 900, 0, 0);
        Route route = new Route("r", List.of(new Tier(List.of(A, B, C), T)), Strategy.LATENCY);
        CandidatePlanner planner = planner(0.02);
        Map<DeploymentId, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            firsts.merge(ids(planner.plan(route, snapshot(), now)).getFirst(), 1, Integer::sum);
        }
        assertThat(firsts.get(A)).isEqualTo(980);
        assertThat(firsts.get(B)).isEqualTo(10);
        assertThat(firsts.get(C)).isEqualTo(10);
    }

    @Test
    void restrictingARouteKeepsItsStrategyLimitsAndWeights() {
        Tier tier = new Tier(List.of(A, B, C), T, Duration.ofSeconds(5), Duration.ofSeconds(30), List.of(1, 2, 3));
        Route route = new Route("r", List.of(tier), Strategy.LATENCY).restrictedTo(id -> !id.equals(B));

        assertThat(route.strategy()).isEqualTo(Strategy.LATENCY);
        assertThat(route.tiers().getFirst()).isEqualTo(
                new Tier(List.of(A, C), T, Duration.ofSeconds(5), Duration.ofSeconds(30), List.of(1, 3)));
    }
}
