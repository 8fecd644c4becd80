package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Google AI Gemini generateContent: candidates with parts, usageMetadata, google.rpc errors. */
final class GeminiProtocol implements Protocol {

    private final Ids ids;

    GeminiProtocol(Ids ids) {
        this.ids = ids;
    }

    @Override
    public String name() {
        return "gemini";
    }

    ChatCall parseChat(JsonNode body, String model, boolean stream) {
        ChatCall.Builder b = new ChatCall.Builder();
        b.model = model;
        b.stream = stream;
        JsonNode contents = body.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw new BadRequest("* GenerateContentRequest.contents: contents is not specified");
        }
        b.countPrompt(partsText(body.path("systemInstruction").path("parts"), new int[1], null));
        for (JsonNode c : contents) {
            int[] images = new int[1];
            String[] toolResult = new String[1];
            String text = partsText(c.path("parts"), images, toolResult);
            b.countPrompt(text);
            if (toolResult[0] != null) {
                b.countPrompt(toolResult[0]);
            }
            String role = c.path("role").asText("user");
            if (role.equals("user") && (!text.isEmpty() || images[0] > 0 || toolResult[0] == null)) {
                b.lastUserText = text;
                b.images = images[0];
            }
        }
        String[] toolResult = new String[1];
        partsText(contents.get(contents.size() - 1).path("parts"), new int[1], toolResult);
        b.toolResult = toolResult[0];
        for (JsonNode tool : body.path("tools")) {
            for (JsonNode fn : tool.path("functionDeclarations")) {
                JsonNode params = fn.has("parametersJsonSchema") ? fn.get("parametersJsonSchema") : fn.get("parameters");
                b.tools.add(new ToolSpec(fn.path("name").asText(), params));
            }
        }
        JsonNode calling = body.path("toolConfig").path("functionCallingConfig");
        String mode = calling.path("mode").asText("AUTO").toUpperCase(Locale.ROOT);
        if (mode.equals("NONE")) {
            b.toolsAllowed = false;
        } else if (mode.equals("ANY") && calling.path("allowedFunctionNames").size() == 1) {
            b.forcedTool = calling.path("allowedFunctionNames").get(0).asText();
        }
        JsonNode config = body.path("generationConfig");
        b.jsonMode = config.path("responseMimeType").asText("").equals("application/json");
        if (config.path("maxOutputTokens").canConvertToInt()) {
            b.maxTokens = config.get("maxOutputTokens").asInt();
        }
        config.path("stopSequences").forEach(s -> b.stops.add(s.asText()));
        return b.build();
    }

    /** Text parts joined, image parts counted, the last functionResponse's content put in toolResult[0]. */
    private static String partsText(JsonNode parts, int[] images, String[] toolResult) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.has("text")) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(part.get("text").asText());
            } else if (part.has("inlineData") || part.has("fileData")) {
                JsonNode data = part.has("inlineData") ? part.get("inlineData") : part.get("fileData");
                if (data.path("mimeType").asText("image/").startsWith("image/")) {
                    images[0]++;
                }
            } else if (part.has("functionResponse") && toolResult != null) {
                JsonNode response = part.get("functionResponse").path("response");
                toolResult[0] = functionResult(response);
            }
        }
        return sb.toString();
    }

    /**
     * The text of a functionResponse.response object: its "content" (or "result"/"response") when textual, its
     * only field when there is just one, else the object as JSON. Clients wrap tool output differently.
     */
    private static String functionResult(JsonNode response) {
        for (String key : new String[] {"content", "result", "response", "output"}) {
            if (response.path(key).isTextual()) {
                return response.get(key).asText();
            }
        }
        if (response.size() == 1 && response.elements().next().isValueNode()) {
            return response.elements().next().asText();
        }
        return Json.string(response);
    }

    @Override
    public Reply response(ChatCall call, Answer answer) {
        return Reply.json(200, answer.finish() == Finish.REFUSAL ? blocked(call) : frame(call, answer, parts(answer, answer.text()),
                finishReason(answer.finish()), answer.outputTokens()));
    }

    @Override
    public String streamContentType() {
        return "text/event-stream";
    }

    @Override
    public StreamPlan stream(ChatCall call, Answer answer, boolean terminated) {
        List<String> content = new ArrayList<>(answer.pieces().size());
        List<String> closing = new ArrayList<>(1);
        if (answer.finish() == Finish.REFUSAL) {
            return new StreamPlan(List.of(), List.of(), List.of(sse(blocked(call))));
        }
        if (answer.toolCall() != null) {
            // Gemini sends a function call whole, with finishReason on the same chunk.
            content.add(sse(frame(call, answer, parts(answer, null), terminated ? "STOP" : null, answer.outputTokens())));
            return new StreamPlan(List.of(), content, closing);
        }
        int sent = 0;
        for (String piece : answer.pieces()) {
            sent++;
            ArrayNode parts = Json.array();
            parts.addObject().put("text", piece);
            content.add(sse(frame(call, answer, parts, null, sent)));
        }
        if (terminated) {
            ArrayNode parts = Json.array();
            parts.addObject().put("text", "");
            closing.add(sse(frame(call, answer, parts, finishReason(answer.finish()), answer.outputTokens())));
        }
        return new StreamPlan(List.of(), content, closing);
    }

    @Override
    public String malformedFrame(ChatCall call) {
        return "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\n\n";
    }

    @Override
    public String streamError(int status, String model) {
        return sse(errorBody(status, defaultMessage(status, model), null));
    }

    @Override
    public Reply error(int status, String message, Duration retryAfter, String model) {
        return Reply.json(status, errorBody(status, message != null ? message : defaultMessage(status, model), retryAfter));
    }

    @Override
    public Reply contextLengthExceeded(String model, int promptTokens, int window) {
        return error(400, "The input token count (" + promptTokens + ") exceeds the maximum number of tokens allowed ("
                + window + ").", null, model);
    }

    /** Gemini blocks an unsafe prompt with a 200 whose promptFeedback names the reason and has no candidates. */
    @Override
    public Reply contentPolicyError(ChatCall call) {
        return null;
    }

    private ObjectNode blocked(ChatCall call) {
        ObjectNode root = Json.object();
        ObjectNode feedback = root.putObject("promptFeedback").put("blockReason", "SAFETY");
        feedback.putArray("safetyRatings").addObject()
                .put("category", "HARM_CATEGORY_DANGEROUS_CONTENT").put("probability", "HIGH").put("blocked", true);
        root.putObject("usageMetadata").put("promptTokenCount", call.promptTokens()).put("totalTokenCount", call.promptTokens());
        root.put("modelVersion", call.model()).put("responseId", ids.next("sim-"));
        return root;
    }

    private static ArrayNode parts(Answer answer, String text) {
        ArrayNode parts = Json.array();
        if (answer.toolCall() != null) {
            ObjectNode fc = parts.addObject().putObject("functionCall");
            fc.put("name", answer.toolCall().name());
            fc.set("args", answer.toolCall().arguments());
        } else {
            parts.addObject().put("text", text);
        }
        return parts;
    }

    private ObjectNode frame(ChatCall call, Answer answer, ArrayNode parts, String finishReason, int outputTokens) {
        ObjectNode candidate = Json.object();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        ObjectNode root = Json.object();
        root.putArray("candidates").add(candidate);
        root.putObject("usageMetadata").put("promptTokenCount", answer.inputTokens())
                .put("candidatesTokenCount", outputTokens).put("totalTokenCount", answer.inputTokens() + outputTokens);
        root.put("modelVersion", call.model()).put("responseId", ids.next("sim-"));
        return root;
    }

    static ObjectNode errorBody(int status, String message, Duration retryAfter) {
        ObjectNode err = Json.object().put("code", status).put("message", message).put("status", statusName(status));
        ArrayNode details = err.putArray("details");
        if (retryAfter != null) {
            details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", protoDuration(retryAfter));
        }
        return Json.object().set("error", err);
    }

    /** google.protobuf.Duration in JSON: seconds with up to 9 fractional digits and an "s" suffix ("2s", "1.500s"). */
    static String protoDuration(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : String.format(Locale.ROOT, "%d.%03ds", millis / 1000, millis % 1000);
    }

    static String statusName(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    private static String defaultMessage(int status, String model) {
        return switch (status) {
            case 400 -> "Request contains an invalid argument.";
            case 401 -> "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or "
                    + "other valid authentication credential.";
            case 403 -> "Method doesn't allow unregistered callers (callers without established identity). "
                    + "Please use API Key or other form of API consumer identity to call this API.";
            case 404 -> "models/" + model + " is not found for API version v1beta, or is not supported for "
                    + "generateContent. Call ListModels to see the list of available models and their supported methods.";
            case 429 -> "You exceeded your current quota, please check your plan and billing details.";
            case 500 -> "An internal error has occurred. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting";
            case 503 -> "The model is overloaded. Please try again later.";
            case 504 -> "The request timed out. Please try again.";
            default -> "Request failed with status " + status + ".";
        };
    }

    private static String finishReason(Finish f) {
        return switch (f) {
            case LENGTH -> "MAX_TOKENS";
            case REFUSAL -> "SAFETY";
            default -> "STOP";
        };
    }

    private static String sse(JsonNode json) {
        return "data: " + Json.string(json) + "\r\n\r\n";
    }

    JsonNode model(String name) {
        return Json.object().put("name", "models/" + name).put("version", "001").put("displayName", name)
                .put("inputTokenLimit", 1_048_576).put("outputTokenLimit", 65_536)
                .set("supportedGenerationMethods", Json.array().add("generateContent").add("countTokens")
                        .add("embedContent").add("batchEmbedContents"));
    }
}
