package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.ContentPart;
import dev.detour.gateway.wire.MessageContent;
import dev.detour.gateway.wire.ToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps OpenAI messages to LangChain4j messages, refusing what the family cannot carry. */
final class MessageMapper {

    private final FamilySupport support;

    MessageMapper(FamilySupport support) {
        this.support = support;
    }

    List<dev.langchain4j.data.message.ChatMessage> map(List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            throw Unsupported.invalid("'messages' must not be empty", "messages");
        }
        List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>(messages.size());
        // Tool results in OpenAI carry only the call id; families such as Gemini need the function name too.
        Map<String, String> toolNamesById = new HashMap<>();
        for (ChatMessage message : messages) {
            String role = message.role() == null ? "" : message.role();
            out.add(switch (role) {
                case "system", "developer" -> system(message);
                case "user" -> user(message);
                case "assistant" -> assistant(message, toolNamesById);
                case "tool" -> toolResult(message, toolNamesById);
                default -> throw Unsupported.invalid("unsupported message role '" + role + "'", "messages");
            });
        }
        return out;
    }

    private SystemMessage system(ChatMessage message) {
        refuseName(message);
        return SystemMessage.from(textOnly(message.content(), "system"));
    }

    private UserMessage user(ChatMessage message) {
        checkName(message);
        MessageContent content = message.content();
        if (content == null) {
            throw Unsupported.invalid("a user message needs content", "messages");
        }
        List<Content> contents = new ArrayList<>();
        if (content.isPlain()) {
            contents.add(TextContent.from(content.plain()));
        } else {
            for (ContentPart part : content.parts()) {
                contents.add(part(part));
            }
        }
        return message.name() == null ? UserMessage.from(contents) : UserMessage.from(message.name(), contents);
    }

    private Content part(ContentPart part) {
        return switch (part.type()) {
            case "text" -> TextContent.from(part.text());
            case "image_url" -> image(part.imageUrl());
            default -> throw Unsupported.field(support.kind(), part.type());
        };
    }

    private ImageContent image(ContentPart.ImageUrl image) {
        ImageContent.DetailLevel detail = detail(image.detail());
        String url = image.url();
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            if (!support.honours(Capability.IMAGE_DATA)) {
                throw Unsupported.field(support.kind(), "image_url");
            }
            DataUrl data = DataUrl.parse(url);
            return detail == null ? ImageContent.from(data.base64(), data.mimeType())
                    : ImageContent.from(data.base64(), data.mimeType(), detail);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            // Never file: or other schemes: some LangChain4j adapters would read them on the gateway's host.
            throw Unsupported.invalid("image_url must be an http(s) or data: URL", "image_url");
        }
        if (!support.honours(Capability.IMAGE_URLS)) {
            throw Unsupported.field(support.kind(), "image_url", "with an http(s) URL; send the image as a data: URL");
        }
        return detail == null ? ImageContent.from(url) : ImageContent.from(url, detail);
    }

    private ImageContent.DetailLevel detail(String detail) {
        if (detail == null || detail.equals("auto")) {
            return null;
        }
        if (!support.honours(Capability.IMAGE_DETAIL)) {
            throw Unsupported.field(support.kind(), "image_url.detail");
        }
        return switch (detail) {
            case "low" -> ImageContent.DetailLevel.LOW;
            case "high" -> ImageContent.DetailLevel.HIGH;
            default -> throw Unsupported.invalid("image_url.detail must be low, high or auto", "image_url.detail");
        };
    }

    private AiMessage assistant(ChatMessage message, Map<String, String> toolNamesById) {
        refuseName(message);
        String text = message.content() == null ? null : textOnly(message.content(), "assistant");
        List<ToolExecutionRequest> requests = new ArrayList<>();
        if (message.toolCalls() != null) {
            for (ToolCall call : message.toolCalls()) {
                if (call.function() == null || call.function().name() == null) {
                    throw Unsupported.invalid("each tool call needs function.name", "messages");
                }
                if (call.id() != null) {
                    toolNamesById.put(call.id(), call.function().name());
                }
                requests.add(ToolExecutionRequest.builder()
                        .id(call.id())
                        .name(call.function().name())
                        .arguments(call.function().arguments() == null ? "{}" : call.function().arguments())
                        .build());
            }
        }
        AiMessage.Builder builder = AiMessage.builder();
        if (text != null) {
            builder.text(text);
        }
        if (!requests.isEmpty()) {
            builder.toolExecutionRequests(requests);
        }
        return builder.build();
    }

    private ToolExecutionResultMessage toolResult(ChatMessage message, Map<String, String> toolNamesById) {
        String id = message.toolCallId();
        if (id == null) {
            throw Unsupported.invalid("a tool message needs tool_call_id", "messages");
        }
        String text = message.content() == null ? "" : textOnly(message.content(), "tool");
        return ToolExecutionResultMessage.from(id, toolNamesById.get(id), text);
    }

    private String textOnly(MessageContent content, String role) {
        if (content.isPlain()) {
            return content.plain();
        }
        StringBuilder text = new StringBuilder();
        for (ContentPart part : content.parts()) {
            if (!"text".equals(part.type())) {
                throw Unsupported.invalid("a " + role + " message may only have text parts", "messages");
            }
            text.append(part.text());
        }
        return text.toString();
    }

    /** LangChain4j's system and assistant messages have no name, whatever the family. */
    private void refuseName(ChatMessage message) {
        if (message.name() != null) {
            throw Unsupported.field(support.kind(), "messages[].name");
        }
    }

    private void checkName(ChatMessage message) {
        if (message.name() != null && !support.honours(Capability.PARTICIPANT_NAMES)) {
            throw Unsupported.field(support.kind(), "messages[].name");
        }
    }

    /** A {@code data:<mime>;base64,<data>} URL split in its parts. */
    record DataUrl(String mimeType, String base64) {

        static DataUrl parse(String url) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new ProviderException(dev.detour.gateway.providers.FailureClass.BAD_REQUEST, 400,
                        "an image data: URL must be base64 (data:<mime>;base64,...)", null, "invalid_request",
                        "image_url", null);
            }
            String mime = header.substring(0, header.length() - ";base64".length());
            return new DataUrl(mime.isEmpty() ? "image/png" : mime, url.substring(comma + 1));
        }
    }
}
