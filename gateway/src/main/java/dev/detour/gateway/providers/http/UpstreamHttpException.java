package dev.detour.gateway.providers.http;

import dev.langchain4j.exception.HttpException;

import java.net.http.HttpHeaders;

/**
 * A non-2xx upstream answer with everything the classifier needs (status, headers such as Retry-After, body).
 * It extends LangChain4j's {@link HttpException} so that LangChain4j maps it as usual and keeps it as the cause.
 */
public final class UpstreamHttpException extends HttpException {

    private final transient HttpHeaders headers;
    private final String body;

    public UpstreamHttpException(int statusCode, HttpHeaders headers, String body) {
        // The message is only the status: the body may echo secrets and is redacted later, by the classifier.
        super(statusCode, "upstream HTTP " + statusCode);
        this.headers = headers;
        this.body = body == null ? "" : body;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public String body() {
        return body;
    }
}
