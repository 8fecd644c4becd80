package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.ProviderKind;

/** The 400 an adapter answers for a field its provider cannot honour, and for requests it cannot express. */
public final class Unsupported {

    public static final String CODE = "unsupported_parameter";

    private Unsupported() {
    }

    /** {@code "<kind> does not support '<field>'"}, param = field. */
    public static ProviderException field(ProviderKind kind, String field) {
        return new ProviderException(FailureClass.BAD_REQUEST, 400,
                kind.configName() + " does not support '" + field + "'", null, CODE, field, null);
    }

    /** The same, with a hint on what the provider does accept. */
    public static ProviderException field(ProviderKind kind, String field, String hint) {
        return new ProviderException(FailureClass.BAD_REQUEST, 400,
                kind.configName() + " does not support '" + field + "' " + hint, null, CODE, field, null);
    }

    /** A request that is invalid whatever the provider (e.g. a named tool that is not in tools). */
    public static ProviderException invalid(String message, String param) {
        return new ProviderException(FailureClass.BAD_REQUEST, 400, message, null, "invalid_request", param, null);
    }
}
