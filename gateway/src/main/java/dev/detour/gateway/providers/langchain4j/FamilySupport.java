package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.ProviderKind;

/**
 * Which OpenAI request fields a family (through its LangChain4j adapter) can honour. Anything not honoured is
 * refused by name when set to a non-default value.
 *
 * @param seed                 {@code seed} per request
 * @param penalties            {@code presence_penalty} and {@code frequency_penalty}
 * @param user                 {@code user}
 * @param toolChoiceNone       {@code tool_choice: "none"}
 * @param toolChoiceRequired   {@code tool_choice: "required"}
 * @param namedToolChoice      {@code tool_choice} naming one function
 * @param parallelToolCallsOff {@code parallel_tool_calls: false}
 * @param strictTools          {@code tools[].function.strict: true}
 * @param jsonObject           {@code response_format: json_object}
 * @param jsonSchema           {@code response_format: json_schema}
 * @param strictJsonSchema     {@code json_schema.strict: true}
 * @param imageUrls            image parts with an http(s) URL
 * @param imageData            image parts with a data: URL
 * @param imageDetail          {@code image_url.detail} other than auto
 * @param participantNames     {@code messages[].name} on user messages
 * @param openAiWire           the upstream speaks OpenAI's JSON: tools, tool_choice and json_schema go verbatim
 */
public record FamilySupport(
        ProviderKind kind,
        boolean seed,
        boolean penalties,
        boolean user,
        boolean toolChoiceNone,
        boolean toolChoiceRequired,
        boolean namedToolChoice,
        boolean parallelToolCallsOff,
        boolean strictTools,
        boolean jsonObject,
        boolean jsonSchema,
        boolean strictJsonSchema,
        boolean imageUrls,
        boolean imageData,
        boolean imageDetail,
        boolean participantNames,
        boolean openAiWire) {
}
