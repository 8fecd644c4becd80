package dev.detour.gateway.providers.failure;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.http.UpstreamAbandonedException;
import dev.detour.gateway.providers.http.UpstreamBadEventException;
import dev.detour.gateway.providers.http.UpstreamHttpException;
import dev.detour.gateway.providers.http.UpstreamRefusalException;
import dev.detour.gateway.providers.http.UpstreamStreamErrorException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnsupportedFeatureException;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;

/**
 * Turns whatever an upstream call threw (our HTTP exceptions, LangChain4j's, the JDK's) into a classified
 * {@link ProviderException} whose message is the provider's reason with every secret removed.
 */
public final class FailureClassifier {

    public static final String CONTEXT_LENGTH_EXCEEDED = "context_length_exceeded";
    public static final String CONTENT_FILTER = "content_filter";

    private final ProviderKind kind;
    private final ErrorDialect dialect;
    private final SecretRedactor redactor;
    private final Clock clock;

    public FailureClassifier(ProviderKind kind, ErrorDialect dialect, SecretRedactor redactor, Clock clock) {
        this.kind = kind;
        this.dialect = dialect;
        this.redactor = redactor;
        this.clock = clock;
    }

    public ProviderException classify(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ProviderException found = classifyOne(t, thrown);
            if (found != null) {
                return found;
            }
        }
        return new ProviderException(FailureClass.BAD_RESPONSE, 0,
                kind.configName() + ": unexpected failure reading the provider's answer ("
                        + thrown.getClass().getSimpleName() + ")", null, null, null, thrown);
    }

    /** Classifies a non-2xx answer from its status, headers and body. */
    public ProviderException fromHttp(int status, HttpHeaders headers, String body) {
        ProviderError error = dialect.parse(body);
        Duration retryAfter = RetryAfter.from(headers, clock.instant());
        if (retryAfter == null) {
            retryAfter = dialect.retryDelayIn(body);
        }
        return fromError(status, error, retryAfter);
    }

    /** The provider refused the content. */
    public ProviderException contentPolicy(String reason) {
        return new ProviderException(FailureClass.CONTENT_POLICY, 0, redactor.redact(reason), null, CONTENT_FILTER,
                null, null);
    }

    private ProviderException classifyOne(Throwable t, Throwable thrown) {
        if (t instanceof ProviderException p) {
            return p;
        }
        if (t instanceof UpstreamHttpException h) {
            return fromHttp(h.statusCode(), h.headers(), h.body());
        }
        if (t instanceof UpstreamStreamErrorException s) {
            ErrorDialect.ProviderErrorEvent event = dialect.streamErrorIn(s.data());
            return fromError(event.impliedStatus(), event.error(), dialect.retryDelayIn(s.data()),
                    kind.configName() + " reported an error mid-stream");
        }
        if (t instanceof UpstreamRefusalException r) {
            return contentPolicy(kind.configName() + " refused the content: " + r.getMessage());
        }
        if (t instanceof UpstreamBadEventException) {
            return failure(FailureClass.BAD_RESPONSE, "the provider sent a malformed stream event", thrown);
        }
        if (t instanceof UpstreamAbandonedException || t instanceof InterruptedException
                || t instanceof ClosedByInterruptException) {
            return failure(FailureClass.TIMEOUT, "the call was abandoned before the provider answered", null);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return failure(FailureClass.TIMEOUT, "connecting to the provider timed out", null);
        }
        if (t instanceof HttpTimeoutException || t instanceof dev.langchain4j.exception.TimeoutException) {
            return failure(FailureClass.TIMEOUT, "the provider did not answer in time", null);
        }
        if (t instanceof JsonProcessingException) {
            return failure(FailureClass.BAD_RESPONSE, "the provider's answer could not be parsed", thrown);
        }
        if (t instanceof UnsupportedFeatureException u) {
            return new ProviderException(FailureClass.BAD_REQUEST, 400,
                    kind.configName() + ": " + redactor.redact(u.getMessage()), null, "unsupported_parameter", null, null);
        }
        ErrorDialect.ProviderErrorEvent event = dialect.streamError(t);
        if (event != null) {
            return fromError(event.impliedStatus(), event.error(), null);
        }
        if (t instanceof HttpException h) {
            return fromError(h.statusCode(), dialect.parse(h.getMessage()), null);
        }
        if (t instanceof UnresolvedAddressException) {
            return failure(FailureClass.TRANSPORT, "the provider's host name could not be resolved", thrown);
        }
        if (t instanceof IOException io) {
            return failure(FailureClass.TRANSPORT, "connection to the provider failed: " + describe(io), thrown);
        }
        return null;
    }

    private ProviderException fromError(int status, ProviderError error, Duration retryAfter) {
        return fromError(status, error, retryAfter, kind.configName() + " answered HTTP " + status);
    }

    private ProviderException fromError(int status, ProviderError error, Duration retryAfter, String fallbackMessage) {
        FailureClass failureClass = dialect.classify(status, error);
        if (failureClass == null) {
            failureClass = byStatus(status);
        }
        String message = error.message() != null ? error.message() : fallbackMessage;
        String code = switch (failureClass) {
            case CONTEXT_TOO_LONG -> CONTEXT_LENGTH_EXCEEDED;
            case CONTENT_POLICY -> CONTENT_FILTER;
            default -> error.code() != null ? error.code() : error.type();
        };
        return new ProviderException(failureClass, status, redactor.redact(message), retryAfter,
                redactor.redact(code), error.param(), null);
    }

    static FailureClass byStatus(int status) {
        if (status == 429) {
            return FailureClass.RATE_LIMITED;
        }
        if (status == 401 || status == 402 || status == 403 || status == 404) {
            // 402: the account has no credit; like a bad key, only an operator can fix it.
            return FailureClass.AUTH_OR_CONFIG;
        }
        if (status == 408) {
            return FailureClass.TIMEOUT;
        }
        if (status >= 500 && status < 600) {
            return FailureClass.OVERLOADED;
        }
        if (status >= 400 && status < 500) {
            return FailureClass.BAD_REQUEST;
        }
        return FailureClass.BAD_RESPONSE;
    }

    private ProviderException failure(FailureClass failureClass, String message, Throwable cause) {
        return new ProviderException(failureClass, 0, kind.configName() + ": " + message, null, null, null, cause);
    }

    private String describe(IOException io) {
        String text = io.getMessage() == null ? io.getClass().getSimpleName()
                : io.getClass().getSimpleName() + ": " + io.getMessage();
        return redactor.redact(text);
    }
}
