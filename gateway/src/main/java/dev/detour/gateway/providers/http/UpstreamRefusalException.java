package dev.detour.gateway.providers.http;

/** A 2xx answer in which the provider refused the content (Gemini blockReason, Anthropic refusal). */
public final class UpstreamRefusalException extends RuntimeException {

    public UpstreamRefusalException(String reason) {
        super(reason, null, false, false);
    }
}
