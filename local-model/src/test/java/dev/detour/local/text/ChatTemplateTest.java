package dev.detour.local.text;

import dev.detour.local.ChatTurn;
import dev.detour.local.folder.TokenizerSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real models' templates (Hugging Face Jinja, as their tokenizer_config.json ships them) render through Jinjava. */
class ChatTemplateTest {

    // Qwen2.5-Instruct's template, its no-tools branch.
    private static final String QWEN = """
            {%- if messages[0]['role'] == 'system' %}
                {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}
            {%- else %}
                {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}
            {%- endif %}
            {%- for message in messages %}
                {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
                    {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
                {%- endif %}
            {%- endfor %}
            {%- if add_generation_prompt %}
                {{- '<|im_start|>assistant\\n' }}
            {%- endif %}
            """;

    // SmolLM2-Instruct's template.
    private static final String SMOLLM = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
            + "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}{% endif %}"
            + "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    private static ChatTemplate template(String text) {
        return new ChatTemplate(new TokenizerSettings(Path.of("tokenizer.json"), text, Path.of("tokenizer_config.json"),
                null, "<|im_end|>", Map.of()), "test");
    }

    @Test
    void rendersQwensTemplateWithItsDefaultSystemPrompt() {
        String prompt = template(QWEN).render(List.of(new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello!"),
                new ChatTurn("user", "2+2?")));
        assertThat(prompt).isEqualTo("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n"
                + "<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void rendersQwensTemplateWithTheCallersSystemPrompt() {
        String prompt = template(QWEN).render(List.of(new ChatTurn("system", "Be brief."), new ChatTurn("user", "Hi")));
        assertThat(prompt).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void rendersSmolLmsTemplate() {
        String prompt = template(SMOLLM).render(List.of(new ChatTurn("user", "Hi")));
        assertThat(prompt).isEqualTo("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void withoutATemplateThePromptIsPlainRoles() {
        String prompt = template(null).render(List.of(new ChatTurn("system", "S"), new ChatTurn("user", "U")));
        assertThat(prompt).isEqualTo("system: S\nuser: U\nassistant:");
    }
}
