package dev.detour.local;

/** The model's chat template refused the conversation (e.g. roles that do not alternate) or could not render it. */
public final class ChatTemplateException extends LocalModelException {

    public ChatTemplateException(String message) {
        super(message);
    }
}
