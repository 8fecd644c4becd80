package dev.detour.gateway.idempotency;

import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.config.IdempotencyConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyStoreTest {

    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final RecordedResponse ANSWER = new RecordedResponse(200, "application/json", Map.of("x-detour-provider", "p/m"), BODY);

    private final IdempotencyStore store = new IdempotencyStore(new IdempotencyConfig(Duration.ofHours(1), 100), Duration.ofMillis(200));

    @Test
    void noKeyMeansNothingIsRemembered() {
        assertThat(store.claim(null, "/v1/chat/completions", BODY)).isSameAs(IdempotencyClaim.NONE);
    }

    @Test
    void theFirstRequestOwnsTheKeyAndARepeatGetsItsAnswer() {
        IdempotencyClaim first = store.claim("k", "/v1/chat/completions", BODY);
        assertThat(first).isInstanceOf(IdempotencyClaim.Owner.class);
        ((IdempotencyClaim.Owner) first).complete(ANSWER);

        assertThat(store.claim("k", "/v1/chat/completions", BODY)).isEqualTo(new IdempotencyClaim.Replay(ANSWER));
    }

    @Test
    void anotherBodyOrEndpointUnderTheSameKeyIsRefused() {
        ((IdempotencyClaim.Owner) store.claim("k", "/v1/chat/completions", BODY)).complete(ANSWER);

        assertThatThrownBy(() -> store.claim("k", "/v1/chat/completions", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status()).isEqualTo(422);
        assertThatThrownBy(() -> store.claim("k", "/v1/embeddings", BODY)).isInstanceOf(ApiException.class);
    }

    @Test
    void anAbandonedClaimFreesTheKey() {
        ((IdempotencyClaim.Owner) store.claim("k", "/v1/chat/completions", BODY)).abandon();

        assertThat(store.claim("k", "/v1/chat/completions", BODY)).isInstanceOf(IdempotencyClaim.Owner.class);
    }

    @Test
    void aRepeatThatWaitsTooLongForTheFirstGets409() {
        store.claim("k", "/v1/chat/completions", BODY);

        assertThatThrownBy(() -> store.claim("k", "/v1/chat/completions", BODY))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status()).isEqualTo(409);
    }

    @Test
    void anEmptyOrOverlongKeyIsTheClientsError() {
        assertThatThrownBy(() -> store.claim(" ", "/v1/chat/completions", BODY)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> store.claim("k".repeat(256), "/v1/chat/completions", BODY)).isInstanceOf(ApiException.class);
    }
}
