package dev.detour.local.text;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.Node;
import dev.detour.local.ChatTemplateException;
import dev.detour.local.ChatTurn;
import dev.detour.local.folder.TokenizerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a conversation into the prompt text the model was trained on, with the model's own Jinja chat template
 * (as Hugging Face's apply_chat_template does: trim_blocks, lstrip_blocks, add_generation_prompt). A folder
 * without a template gets a plain "role: content" layout, announced in the log, since no format is right for
 * every model.
 */
public final class ChatTemplate {

    private static final Logger log = LoggerFactory.getLogger(ChatTemplate.class);

    /** Used when the folder has no template; a generic transcript that ends where the assistant should speak. */
    static final String FALLBACK = "{{ bos_token }}{% for message in messages %}{{ message['role'] }}: "
            + "{{ message['content'] }}\n{% endfor %}{% if add_generation_prompt %}assistant:{% endif %}";

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final String template;
    // Parsed once: Jinjava would otherwise parse the template again on every render (milliseconds per request).
    private final Node parsed;
    private final String bosToken;
    private final String eosToken;

    public ChatTemplate(TokenizerSettings settings, String modelName) {
        // Python Jinja's behaviour where Jinjava's legacy defaults differ: {{- -}} trims, operators bind as in Python.
        LegacyOverrides pythonLike = LegacyOverrides.newBuilder().withUseTrimmingForNotesAndExpressions(true)
                .withParseWhitespaceControlStrictly(true).withUseNaturalOperatorPrecedence(true).build();
        JinjavaConfig config = JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withLegacyOverrides(pythonLike).build();
        this.config = config;
        this.jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                TemplateFunctions.class, "raiseException", String.class));
        this.bosToken = settings.bosToken() == null ? "" : settings.bosToken();
        this.eosToken = settings.eosToken() == null ? "" : settings.eosToken();
        if (settings.chatTemplate() == null) {
            log.info("{}: no chat template in the folder (tokenizer_config.json chat_template or chat_template.jinja); "
                    + "using a plain 'role: content' prompt, which the model may not follow well", modelName);
            this.template = FALLBACK;
        } else {
            this.template = settings.chatTemplate();
        }
        this.parsed = jinjava.newInterpreter().parse(template);
    }

    /** The prompt for {@code messages}, ending with the generation prompt (where the assistant's answer begins). */
    public String render(List<ChatTurn> messages) {
        Map<String, Object> context = new HashMap<>();
        context.put("messages", messages.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        context.put("add_generation_prompt", true);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava,
                new Context(jinjava.getGlobalContext(), context), config);
        String output;
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            output = interpreter.render(parsed);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        List<TemplateError> fatal = interpreter.getErrorsCopy().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new ChatTemplateException("the model's chat template refused the conversation: "
                    + fatal.stream().map(ChatTemplate::reason).collect(Collectors.joining("; ")));
        }
        return output;
    }

    // The template's own raise_exception message, when that is what stopped it; Jinjava wraps it.
    private static String reason(TemplateError error) {
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
            if (t instanceof TemplateFunctions.TemplateRaised raised) {
                return raised.getMessage();
            }
        }
        return error.getMessage();
    }
}
