package dev.detour.gateway.consensus;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Answer;
import dev.detour.gateway.routing.RoutingException;
import dev.detour.gateway.wire.ChatCompletionResponse;

/** One candidate's part in a consensus: its answer, or why it gave none. */
public record ConsensusCall(DeploymentId deployment, Answer<ChatCompletionResponse> answer, RoutingException failure) {

    public boolean answered() {
        return answer != null;
    }

    /** The text of the first choice, or null. */
    public String text() {
        if (answer == null || answer.value().choices().isEmpty() || answer.value().choices().getFirst().message() == null) {
            return null;
        }
        return answer.value().choices().getFirst().message().text();
    }
}
