package dev.detour.gateway.routing;

import dev.detour.gateway.providers.ProviderException;

/**
 * How a started stream ended, told back to the executor by whoever relays it, so the deployment's health counts
 * the whole stream (a cut after the first byte is the provider's failure too). Only the first report counts.
 */
public interface StreamOutcome {

    StreamOutcome NONE = new StreamOutcome() {
        @Override
        public void completed() {
        }

        @Override
        public void failed(ProviderException failure) {
        }

        @Override
        public void abandoned() {
        }
    };

    /** The stream ended properly. */
    void completed();

    /** The stream broke, stalled or went wrong after it started. */
    void failed(ProviderException failure);

    /** The client left; says nothing about the provider. */
    void abandoned();
}
