package dev.detour.gateway.screening;

import dev.detour.gateway.api.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostBudgetTest {

    @Test
    void theLowerOfTheClientsAndTheRoutesBudgetApplies() {
        assertThat(CostBudget.of(null, null)).isNull();
        assertThat(CostBudget.of(null, 0.5)).isEqualTo(0.5);
        assertThat(CostBudget.of("0.1", null)).isEqualTo(0.1);
        assertThat(CostBudget.of("0.1", 0.5)).isEqualTo(0.1);
        assertThat(CostBudget.of("2", 0.5)).isEqualTo(0.5);
    }

    @Test
    void aBudgetMustBeAPositiveNumber() {
        for (String bad : new String[]{"0", "-1", "abc", "NaN", "Infinity"}) {
            assertThatThrownBy(() -> CostBudget.of(bad, null)).as(bad).isInstanceOf(ApiException.class);
        }
    }
}
