package dev.detour.gateway.providers.langchain4j;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.wire.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps OpenAI function tools to LangChain4j tool specifications (JSON Schema parameters kept as faithfully as LangChain4j allows). */
final class ToolMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final FamilySupport support;

    ToolMapper(FamilySupport support) {
        this.support = support;
    }

    List<ToolSpecification> map(List<Tool> tools) {
        List<ToolSpecification> out = new ArrayList<>(tools.size());
        for (Tool tool : tools) {
            if (!"function".equals(tool.type()) || tool.function() == null || tool.function().name() == null) {
                throw Unsupported.invalid("each tool must be {\"type\":\"function\",\"function\":{\"name\":...}}", "tools");
            }
            if (Boolean.TRUE.equals(tool.function().strict()) && !support.honours(Capability.STRICT_TOOLS)) {
                throw Unsupported.field(support.kind(), "tools[].function.strict");
            }
            ToolSpecification.Builder builder = ToolSpecification.builder()
                    .name(tool.function().name())
                    .description(tool.function().description());
            JsonNode parameters = tool.function().parameters();
            if (parameters != null && !parameters.isNull()) {
                builder.parameters(objectSchema(parameters, tool.function().name()));
            }
            out.add(builder.build());
        }
        return out;
    }

    static Map<String, Object> toMap(JsonNode node) {
        return JSON.convertValue(node, MAP);
    }

    private static JsonObjectSchema objectSchema(JsonNode parameters, String toolName) {
        JsonSchemaElement element;
        try {
            element = JsonSchemaElementJsonUtils.fromMap(toMap(parameters));
        } catch (IllegalArgumentException e) {
            throw Unsupported.invalid("tool '" + toolName + "' has invalid parameters: " + e.getMessage(), "tools");
        }
        if (!(element instanceof JsonObjectSchema object)) {
            throw Unsupported.invalid("tool '" + toolName + "' parameters must be a JSON Schema of type object", "tools");
        }
        return object;
    }
}
