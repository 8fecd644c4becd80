package dev.detour.sim;

/** A request the simulated provider rejects with 400, carrying the message the provider would give. */
final class BadRequest extends RuntimeException {

    private final String param;

    BadRequest(String message) {
        this(message, null);
    }

    BadRequest(String message, String param) {
        super(message, null, false, false);
        this.param = param;
    }

    /** The offending request field, for protocols that name it (OpenAI's "param"). */
    String param() {
        return param;
    }
}
