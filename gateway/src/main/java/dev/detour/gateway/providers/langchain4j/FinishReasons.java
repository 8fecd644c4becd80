package dev.detour.gateway.providers.langchain4j;

import dev.langchain4j.model.output.FinishReason;

/** LangChain4j's finish reasons (already normalised from each family's stop reasons) in OpenAI's words. */
public final class FinishReasons {

    private FinishReasons() {
    }

    /** The OpenAI finish_reason, or null when LangChain4j reported none (the answer may be cut). */
    public static String toOpenAi(FinishReason reason, boolean hasToolCalls) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case STOP -> hasToolCalls ? "tool_calls" : "stop";
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            // OTHER: a reason OpenAI has no word for (Gemini's MALFORMED_FUNCTION_CALL...); "stop" is what clients handle.
            case OTHER -> hasToolCalls ? "tool_calls" : "stop";
        };
    }
}
