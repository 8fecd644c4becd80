package dev.detour.gateway.providers.http;

/**
 * The provider reported an error inside a stream that had started with a 2xx ({@code data: {"error":{...}}},
 * Anthropic's {@code event: error}, Ollama's {@code {"error":"..."}} line). It carries the event's data, which the
 * family's error dialect reads as it reads an HTTP error body.
 */
public final class UpstreamStreamErrorException extends RuntimeException {

    private final String data;

    public UpstreamStreamErrorException(String data) {
        // The message stays generic: the data may echo secrets and is redacted later, by the classifier.
        super("the provider reported an error mid-stream", null, false, false);
        this.data = data == null ? "" : data;
    }

    /** The error event's data, as the provider sent it. */
    public String data() {
        return data;
    }
}
