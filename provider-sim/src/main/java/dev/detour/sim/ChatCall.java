package dev.detour.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What the answer depends on, extracted from any protocol's chat request, so one engine answers them all.
 *
 * @param toolResult   content of the last message when it is a tool result, else null
 * @param toolsAllowed false when tool choice is "none"
 * @param forcedTool   tool named by tool choice, else null
 * @param mistral      the request came from a Mistral client (usage rides on the finish chunk, as Mistral sends it)
 */
record ChatCall(String model, boolean stream, String lastUserText, int images, String toolResult,
                List<ToolSpec> tools, boolean toolsAllowed, String forcedTool, boolean jsonMode,
                Integer maxTokens, List<String> stops, int promptTokens, boolean includeUsage, boolean mistral) {

    /** Collects fields while a protocol parser walks a request. */
    static final class Builder {
        String model;
        boolean stream;
        String lastUserText = "";
        int images;
        String toolResult;
        final List<ToolSpec> tools = new ArrayList<>();
        boolean toolsAllowed = true;
        String forcedTool;
        boolean jsonMode;
        Integer maxTokens;
        final List<String> stops = new ArrayList<>();
        int promptTokens;
        boolean includeUsage;
        boolean mistral;

        /** Counts prompt text towards the deterministic prompt token count. */
        void countPrompt(String text) {
            promptTokens += Words.count(text);
        }

        ChatCall build() {
            return new ChatCall(model, stream, lastUserText, images, toolResult, List.copyOf(tools), toolsAllowed,
                    forcedTool, jsonMode, maxTokens, List.copyOf(stops), Math.max(1, promptTokens), includeUsage,
                    mistral);
        }
    }
}
