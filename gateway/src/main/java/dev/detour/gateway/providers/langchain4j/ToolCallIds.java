package dev.detour.gateway.providers.langchain4j;

import java.util.concurrent.ThreadLocalRandom;

/** Ids for tool calls from families that give none (Gemini, Ollama): OpenAI clients need one to answer the call. */
public final class ToolCallIds {

    private ToolCallIds() {
    }

    public static String orNew(String id) {
        if (id != null && !id.isEmpty()) {
            return id;
        }
        return "call_" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
