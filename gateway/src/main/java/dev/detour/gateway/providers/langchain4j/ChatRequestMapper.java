package dev.detour.gateway.providers.langchain4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an OpenAI chat request to a LangChain4j {@link ChatRequest} for one family, refusing by name every field
 * the family cannot honour. Built once per deployment; {@link #map} allocates only the request itself.
 */
public final class ChatRequestMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FamilySupport support;
    private final ParametersFactory parametersFactory;
    private final String upstreamModel;
    private final MessageMapper messages;
    private final ToolMapper tools;

    public ChatRequestMapper(FamilySupport support, ParametersFactory parametersFactory, String upstreamModel) {
        this.support = support;
        this.parametersFactory = parametersFactory;
        this.upstreamModel = upstreamModel;
        this.messages = new MessageMapper(support);
        this.tools = new ToolMapper(support);
    }

    public ChatRequest map(ChatCompletionRequest request) {
        screen(request);
        Map<String, Object> passthrough = new LinkedHashMap<>();
        boolean hasTools = request.tools() != null && !request.tools().isEmpty();
        List<ToolSpecification> toolSpecs = List.of();
        ToolChoice toolChoice = null;
        String toolChoiceName = null;
        if (hasTools && support.honours(Capability.OPENAI_WIRE)) {
            passthrough.put("tools", JSON.convertValue(request.tools(), List.class));
            if (request.toolChoice() != null) {
                checkNamedTool(request);
                passthrough.put("tool_choice", JSON.convertValue(request.toolChoice(), Object.class));
            }
        } else if (hasTools) {
            toolSpecs = tools.map(request.tools());
            if (request.toolChoice() != null) {
                checkNamedTool(request);
                toolChoice = toolChoice(request.toolChoice().mode());
                if ("function".equals(request.toolChoice().mode())) {
                    toolChoiceName = request.toolChoice().functionName();
                }
                if (toolChoice == ToolChoice.NONE && !support.honours(Capability.TOOL_CHOICE_NONE)) {
                    // Offering no tools is exactly "none" for a family that cannot say it.
                    toolSpecs = List.of();
                    toolChoice = null;
                }
            }
        } else if (request.toolChoice() != null && !"none".equals(request.toolChoice().mode())
                && !"auto".equals(request.toolChoice().mode())) {
            throw Unsupported.invalid("tool_choice '" + request.toolChoice().mode() + "' needs tools", "tool_choice");
        }
        ResponseFormat responseFormat = responseFormat(request, passthrough);
        ChatSettings settings = new ChatSettings(
                upstreamModel,
                request.temperature(),
                request.topP(),
                support.honours(Capability.OPENAI_WIRE) ? request.maxTokens() : request.outputTokenLimit(),
                support.honours(Capability.OPENAI_WIRE) ? request.maxCompletionTokens() : null,
                request.stop() == null || request.stop().isEmpty() ? null : request.stop(),
                request.seed() == null ? null : Math.toIntExact(request.seed()),
                request.presencePenalty(),
                request.frequencyPenalty(),
                request.user(),
                toolSpecs,
                toolChoice,
                toolChoiceName,
                request.parallelToolCalls(),
                responseFormat,
                passthrough.isEmpty() ? null : passthrough);
        return ChatRequest.builder()
                .messages(messages.map(request.messages()))
                .parameters(parametersFactory.parameters(settings))
                .build();
    }

    private void screen(ChatCompletionRequest request) {
        if (request.n() != null && request.n() != 1) {
            throw Unsupported.field(support.kind(), "n");
        }
        if (request.seed() != null) {
            if (!support.honours(Capability.SEED)) {
                throw Unsupported.field(support.kind(), "seed");
            }
            if (request.seed() != request.seed().intValue()) {
                throw Unsupported.field(support.kind(), "seed", "outside the 32-bit integer range");
            }
        }
        if (request.presencePenalty() != null && !support.honours(Capability.PENALTIES)) {
            throw Unsupported.field(support.kind(), "presence_penalty");
        }
        if (request.frequencyPenalty() != null && !support.honours(Capability.PENALTIES)) {
            throw Unsupported.field(support.kind(), "frequency_penalty");
        }
        if (request.user() != null && !support.honours(Capability.USER)) {
            throw Unsupported.field(support.kind(), "user");
        }
        if (Boolean.FALSE.equals(request.parallelToolCalls()) && !support.honours(Capability.PARALLEL_TOOL_CALLS_OFF)) {
            throw Unsupported.field(support.kind(), "parallel_tool_calls");
        }
        if (request.toolChoice() != null) {
            String mode = request.toolChoice().mode();
            if ("required".equals(mode) && !support.honours(Capability.TOOL_CHOICE_REQUIRED)) {
                throw Unsupported.field(support.kind(), "tool_choice", "with the value 'required'");
            }
            if ("function".equals(mode) && !support.honours(Capability.NAMED_TOOL_CHOICE)) {
                throw Unsupported.field(support.kind(), "tool_choice", "naming a function");
            }
        }
    }

    private void checkNamedTool(ChatCompletionRequest request) {
        String name = request.toolChoice().functionName();
        if (name != null && request.tools().stream().map(Tool::function)
                .noneMatch(f -> f != null && name.equals(f.name()))) {
            throw Unsupported.invalid("tool_choice names '" + name + "', which is not in tools", "tool_choice");
        }
    }

    private static ToolChoice toolChoice(String mode) {
        return switch (mode) {
            case "none" -> ToolChoice.NONE;
            case "auto" -> ToolChoice.AUTO;
            case "required", "function" -> ToolChoice.REQUIRED;
            default -> throw Unsupported.invalid("unknown tool_choice '" + mode + "'", "tool_choice");
        };
    }

    private ResponseFormat responseFormat(ChatCompletionRequest request, Map<String, Object> passthrough) {
        dev.detour.gateway.wire.ResponseFormat format = request.responseFormat();
        if (format == null || format.type() == null || "text".equals(format.type())) {
            return null;
        }
        switch (format.type()) {
            case "json_object" -> {
                if (!support.honours(Capability.JSON_OBJECT)) {
                    throw Unsupported.field(support.kind(), "response_format", "of type json_object");
                }
                return ResponseFormat.JSON;
            }
            case "json_schema" -> {
                if (!support.honours(Capability.JSON_SCHEMA)) {
                    throw Unsupported.field(support.kind(), "response_format", "of type json_schema");
                }
                if (format.jsonSchema() == null || format.jsonSchema().schema() == null) {
                    throw Unsupported.invalid("response_format json_schema needs json_schema.schema", "response_format");
                }
                if (support.honours(Capability.OPENAI_WIRE)) {
                    passthrough.put("response_format", JSON.convertValue(format, Map.class));
                    return null;
                }
                if (Boolean.TRUE.equals(format.jsonSchema().strict()) && !support.honours(Capability.STRICT_JSON_SCHEMA)) {
                    throw Unsupported.field(support.kind(), "response_format.json_schema.strict");
                }
                return ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder()
                                .name(format.jsonSchema().name() == null ? "response" : format.jsonSchema().name())
                                .rootElement(schemaElement(format))
                                .build())
                        .build();
            }
            default -> throw Unsupported.invalid("unknown response_format type '" + format.type() + "'", "response_format");
        }
    }

    private static JsonSchemaElement schemaElement(dev.detour.gateway.wire.ResponseFormat format) {
        try {
            return JsonSchemaElementJsonUtils.fromMap(ToolMapper.toMap(format.jsonSchema().schema()));
        } catch (IllegalArgumentException e) {
            return JsonRawSchema.from(format.jsonSchema().schema().toString());
        }
    }
}
