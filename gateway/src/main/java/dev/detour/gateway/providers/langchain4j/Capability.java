package dev.detour.gateway.providers.langchain4j;

/** One OpenAI request feature that a family may or may not be able to honour; see {@link FamilySupport}. */
public enum Capability {
    /** {@code seed} per request. */
    SEED,
    /** {@code presence_penalty} and {@code frequency_penalty}. */
    PENALTIES,
    /** {@code user}. */
    USER,
    /** {@code tool_choice: "none"}. */
    TOOL_CHOICE_NONE,
    /** {@code tool_choice: "required"}. */
    TOOL_CHOICE_REQUIRED,
    /** {@code tool_choice} naming one function. */
    NAMED_TOOL_CHOICE,
    /** {@code parallel_tool_calls: false}. */
    PARALLEL_TOOL_CALLS_OFF,
    /** {@code tools[].function.strict: true}. */
    STRICT_TOOLS,
    /** {@code response_format: json_object}. */
    JSON_OBJECT,
    /** {@code response_format: json_schema}. */
    JSON_SCHEMA,
    /** {@code json_schema.strict: true}. */
    STRICT_JSON_SCHEMA,
    /** Image parts with an http(s) URL. */
    IMAGE_URLS,
    /** Image parts with a data: URL. */
    IMAGE_DATA,
    /** {@code image_url.detail} other than auto. */
    IMAGE_DETAIL,
    /** {@code messages[].name} on user messages. */
    PARTICIPANT_NAMES,
    /** The upstream speaks OpenAI's JSON: tools, tool_choice and json_schema go verbatim. */
    OPENAI_WIRE
}
