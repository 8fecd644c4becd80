package dev.detour.cache.request;

/**
 * One message of a conversation, as the cache sees it: the role and a canonical form of everything in it that can
 * change the answer (text, parts, tool calls, names). {@code textOnly} says the content is plain text, so it may be
 * embedded and matched semantically; anything else (images, tool results) matches exactly or not at all.
 */
public record Turn(String role, String content, boolean textOnly) {

    public Turn {
        role = role == null ? "" : role;
        content = content == null ? "" : content;
    }

    public static Turn text(String role, String text) {
        return new Turn(role, text, true);
    }

    public boolean isUser() {
        return "user".equals(role);
    }
}
