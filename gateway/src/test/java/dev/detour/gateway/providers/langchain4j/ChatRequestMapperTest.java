package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.gemini.GeminiFamily;
import dev.detour.gateway.providers.anthropic.AnthropicFamily;
import dev.detour.gateway.providers.testing.Requests;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatRequestParameters;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatRequestMapperTest {

    private final GeminiFamily gemini = new GeminiFamily();
    private final AnthropicFamily anthropic = new AnthropicFamily();

    private ChatRequest map(ProviderFamily family, String json) {
        return new ChatRequestMapper(family.support(), family.parameters(), "upstream-model").map(Requests.chat(json));
    }

    @Test
    void mapsAWholeToolConversation() {
        ChatRequest request = map(gemini, """
                {"model":"r","messages":[
                  {"role":"developer","content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"weather?"},
                     {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,AAAA"}}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"sunny"}],
                 "tools":[%s],"tool_choice":"auto","temperature":0.3,"max_completion_tokens":50,"stop":"END"}
                """.formatted(Requests.WEATHER_TOOL));

        assertThat(request.messages().get(0)).isInstanceOf(SystemMessage.class);
        UserMessage user = (UserMessage) request.messages().get(1);
        ImageContent image = (ImageContent) user.contents().get(1);
        assertThat(image.image().mimeType()).isEqualTo("image/jpeg");
        assertThat(image.image().base64Data()).isEqualTo("AAAA");
        AiMessage assistant = (AiMessage) request.messages().get(2);
        assertThat(assistant.toolExecutionRequests().get(0).name()).isEqualTo("get_weather");
        ToolExecutionResultMessage result = (ToolExecutionResultMessage) request.messages().get(3);
        assertThat(result.id()).isEqualTo("call_1");
        assertThat(result.toolName()).isEqualTo("get_weather");
        assertThat(result.text()).isEqualTo("sunny");
        var parameters = request.parameters();
        assertThat(parameters.modelName()).isEqualTo("upstream-model");
        assertThat(parameters.temperature()).isEqualTo(0.3);
        assertThat(parameters.maxOutputTokens()).isEqualTo(50);
        assertThat(parameters.stopSequences()).containsExactly("END");
        assertThat(parameters.toolChoice()).isEqualTo(ToolChoice.AUTO);
        JsonObjectSchema schema = parameters.toolSpecifications().get(0).parameters();
        assertThat(schema.required()).containsExactly("city");
    }

    @Test
    void anthropicGetsNamedToolChoiceSerialToolUseAndUserId() {
        ChatRequest request = map(anthropic, """
                {"model":"r","messages":[{"role":"user","content":"hi"}],"tools":[%s],
                 "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,
                 "user":"u-1","response_format":{"type":"json_schema","json_schema":{"name":"w","schema":
                 {"type":"object","properties":{"echo":{"type":"string"}},"required":["echo"]}}}}
                """.formatted(Requests.WEATHER_TOOL));

        AnthropicChatRequestParameters parameters = (AnthropicChatRequestParameters) request.parameters();
        assertThat(parameters.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(parameters.toolChoiceName()).isEqualTo("get_weather");
        assertThat(parameters.disableParallelToolUse()).isTrue();
        assertThat(parameters.userId()).isEqualTo("u-1");
        assertThat(parameters.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(parameters.responseFormat().jsonSchema().rootElement()).isInstanceOf(JsonObjectSchema.class);
    }

    @Test
    void refusesWhatCannotBeSentAndWhatIsInvalid() {
        assertThatThrownBy(() -> map(anthropic, "{\"model\":\"r\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_audio\"}]}]}"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("anthropic does not support 'input_audio'"));
        assertThatThrownBy(() -> map(anthropic, "{\"model\":\"r\",\"messages\":[{\"role\":\"user\",\"name\":\"bob\",\"content\":\"hi\"}]}"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.param()).isEqualTo("messages[].name"));
        assertThatThrownBy(() -> map(anthropic, "{\"model\":\"r\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[" + Requests.WEATHER_TOOL + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}}"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.param()).isEqualTo("tool_choice"));
        assertThatThrownBy(() -> map(gemini, "{\"model\":\"r\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AA\",\"detail\":\"high\"}}]}]}"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.param()).isEqualTo("image_url.detail"));
    }
}
