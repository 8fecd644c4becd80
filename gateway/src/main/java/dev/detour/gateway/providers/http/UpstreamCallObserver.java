package dev.detour.gateway.providers.http;

/** What the HTTP layer tells the adapter about a stream beyond LangChain4j's own callbacks. */
public interface UpstreamCallObserver {

    /** The stream broke in a way LangChain4j would have swallowed (malformed event, refusal). */
    void onStreamFailure(RuntimeException failure);

    /** The upstream body reached its end and every event was delivered; the answer should be complete by now. */
    void onStreamEnd();

    UpstreamCallObserver NONE = new UpstreamCallObserver() {
        @Override
        public void onStreamFailure(RuntimeException failure) {
        }

        @Override
        public void onStreamEnd() {
        }
    };
}
