package dev.detour.local;

import java.util.Objects;

/** One message of a conversation as the chat template sees it: a role (system, user, assistant...) and its text. */
public record ChatTurn(String role, String content) {

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
    }
}
