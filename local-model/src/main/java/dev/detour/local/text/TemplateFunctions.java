package dev.detour.local.text;

/** Functions Hugging Face chat templates call that Jinja itself does not have. */
public final class TemplateFunctions {

    private TemplateFunctions() {
    }

    /** {@code raise_exception(message)}: templates use it to refuse a conversation they cannot format. */
    public static String raiseException(String message) {
        throw new TemplateRaised(message);
    }

    /** What raise_exception throws, so the renderer can find the template's own message. */
    static final class TemplateRaised extends RuntimeException {

        TemplateRaised(String message) {
            super(message);
        }
    }
}
