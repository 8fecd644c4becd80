package dev.detour.gateway.providers.langchain4j;

import dev.langchain4j.model.chat.request.ChatRequestParameters;

/** Builds a family's own {@link ChatRequestParameters} subclass (seed, user... live there) from screened settings. */
@FunctionalInterface
public interface ParametersFactory {

    ChatRequestParameters parameters(ChatSettings settings);
}
