package dev.detour.gateway.providers.failure;

import dev.detour.gateway.providers.FailureClass;

import java.time.Duration;

/** How one provider family writes its errors: the classifier asks it what a status and body mean. */
public interface ErrorDialect {

    /** Reads an error body; never throws, returns {@link ProviderError#NONE} when the body is not the family's shape. */
    ProviderError parse(String body);

    /** The class this error belongs to when the family's words decide it (context too long, content policy...), else null. */
    FailureClass classify(int status, ProviderError error);

    /** A retry delay written in the body (Gemini's RetryInfo), or null. */
    default Duration retryDelayIn(String body) {
        return null;
    }

    /**
     * Reads an in-stream error event's data (what the wire protocol recognised as the provider's error report). The
     * stream began with a 2xx, so the status is implied by the words; by default the server failed mid-answer (500).
     */
    default ProviderErrorEvent streamErrorIn(String data) {
        return new ProviderErrorEvent(500, parse(data));
    }

    /** Classifies an error the family's LangChain4j adapter raised mid-stream from an in-band error event, or null. */
    default ProviderErrorEvent streamError(Throwable error) {
        return null;
    }

    /** An in-band stream error event: the status its words imply, and the words. */
    record ProviderErrorEvent(int impliedStatus, ProviderError error) {
    }
}
