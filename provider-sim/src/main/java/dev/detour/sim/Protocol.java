package dev.detour.sim;

import java.time.Duration;

/** One provider's wire format: how it spells answers, stream frames and errors. */
interface Protocol {

    /** Label recorded in {@link Attempt#protocol()}. */
    String name();

    /** The error this provider sends for {@code status}; {@code message} null means its usual wording. */
    Reply error(int status, String message, Duration retryAfter, String model);

    /** The provider's "prompt is too long" error. */
    Reply contextLengthExceeded(String model, int promptTokens, int window);

    /** The provider's content-policy error, or null when it says so inside a normal answer (refusal, blocked). */
    Reply contentPolicyError(ChatCall call);

    Reply response(ChatCall call, Answer answer);

    String streamContentType();

    /** Frames of a streamed answer; {@code terminated} false drops the protocol's end-of-stream marker. */
    StreamPlan stream(ChatCall call, Answer answer, boolean terminated);

    /** A frame that is not valid JSON for this protocol. */
    String malformedFrame(ChatCall call);

    /** The protocol's in-stream error frame for {@code status}. */
    String streamError(int status, String model);
}
