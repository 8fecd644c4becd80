package dev.detour.gateway.contract;

/** Request bodies the contract tests send, as a client would write them. */
final class ChatRequests {

    static final String WEATHER_TOOL = """
            {"type":"function","function":{"name":"get_weather","description":"The current weather in a city",
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";

    private ChatRequests() {
    }

    static String hello(String model) {
        return """
                {"model":"%s","messages":[{"role":"user","content":"hello there"}]}""".formatted(model);
    }

    static String helloStreamed(String model) {
        return """
                {"model":"%s","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"hello there"}]}""".formatted(model);
    }

    static String weatherQuestion(String model, boolean stream) {
        return """
                {"model":"%s","stream":%s,"tools":[%s],
                 "messages":[{"role":"user","content":"What is the weather in Paris?"}]}"""
                .formatted(model, stream, WEATHER_TOOL);
    }

    static String jsonObjectMode(String model) {
        return """
                {"model":"%s","response_format":{"type":"json_object"},
                 "messages":[{"role":"user","content":"Answer in JSON: hello there"}]}""".formatted(model);
    }

    static String jsonSchemaMode(String model) {
        return """
                {"model":"%s","response_format":{"type":"json_schema","json_schema":{"name":"echo",
                   "schema":{"type":"object","properties":{"echo":{"type":"string"}},"required":["echo"]}}},
                 "messages":[{"role":"user","content":"Answer in JSON: hello there"}]}""".formatted(model);
    }
}
