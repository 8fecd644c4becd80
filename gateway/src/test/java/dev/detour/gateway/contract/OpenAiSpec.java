package dev.detour.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official OpenAI OpenAPI document, loaded once per JVM, validating JSON documents against any of its
 * {@code components/schemas} with a JSON Schema 2020-12 validator (networknt json-schema-validator 3.x).
 */
public final class OpenAiSpec {

    /** Where the spec lives below the folder that holds the repository clone (CI puts shared/ beside it). */
    static final Path RELATIVE_LOCATION = Path.of("shared", "data", "openai", "openapi.yaml");

    /** A made-up base URI the whole document is registered under; refs resolve inside it, nothing is fetched. */
    private static final String DOCUMENT_URI = "https://detour.test/openai/openapi.json";

    private static OpenAiSpec instance;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenAiSpec(JsonNode document) {
        this.document = document;
        // OpenAPI 3.1 schemas are JSON Schema 2020-12 plus annotations. Two adjustments, both to read the document
        // as its authors meant it:
        // - OpenAI still writes OpenAPI 3.0's "nullable: true" in places (a stream chunk's finish_reason, usage);
        //   declaring the keyword makes the validator accept null there, as every real OpenAI stream sends.
        // - "discriminator" stays an annotation (OAS 3.1: a hint; validation is the oneOf's). OpenAI's tool_calls
        //   discriminator has no mapping and its value "function" names no schema, so enforcing it would reject
        //   every real tool call. The oneOf itself is still enforced.
        // Other OpenAPI-only keywords (example, x-stainless-*, x-oaiMeta, ...) are annotations, never assertions.
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new AnnotationKeyword("nullable"))
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                .build();
        String json = document.toString();
        this.registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder.schemas(Map.of(DOCUMENT_URI, json)));
    }

    /** The spec found beside the repository; fails with a message saying where it was looked for. */
    public static synchronized OpenAiSpec load() {
        if (instance == null) {
            instance = new OpenAiSpec(read(locate(Path.of("").toAbsolutePath())));
        }
        return instance;
    }

    /** The violations of {@code #/components/schemas/<schemaName>} in {@code json}; empty when it conforms. */
    public List<String> violations(String schemaName, String json) {
        return schema(schemaName).validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** Fails the test, naming each violation and showing the document, unless {@code json} conforms. */
    public void assertConforms(String schemaName, String json) {
        List<String> violations = violations(schemaName, json);
        if (!violations.isEmpty()) {
            throw new AssertionError("not a valid OpenAI " + schemaName + ":\n  " + String.join("\n  ", violations)
                    + "\ndocument: " + json);
        }
    }

    /** The example OpenAI gives for a schema in its {@code x-oaiMeta}, as written there. */
    public String example(String schemaName) {
        JsonNode example = definition(schemaName).path("x-oaiMeta").path("example");
        if (!example.isTextual()) {
            throw new IllegalArgumentException(schemaName + " has no x-oaiMeta example in the spec");
        }
        return example.textValue();
    }

    private Schema schema(String schemaName) {
        definition(schemaName);
        return schemas.computeIfAbsent(schemaName, name -> {
            Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_URI + "#/components/schemas/" + name));
            // Resolve every $ref now, so a broken reference fails here and not as a silently skipped check.
            schema.initializeValidators();
            return schema;
        });
    }

    /** The schema's definition; a misspelt name must fail loudly, never validate everything. */
    private JsonNode definition(String schemaName) {
        JsonNode definition = document.path("components").path("schemas").path(schemaName);
        if (!definition.isObject()) {
            throw new IllegalArgumentException("the OpenAI spec has no components/schemas/" + schemaName);
        }
        return definition;
    }

    /** The spec in {@code start} or the nearest folder above it that has {@link #RELATIVE_LOCATION}. */
    static Path locate(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_LOCATION);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The OpenAI OpenAPI spec was not found: looked for " + RELATIVE_LOCATION
                + " in " + start + " and every folder above it. The contract tests need the shared/ folder beside"
                + " the repository clone, i.e. ../shared/data/openai/openapi.yaml from the repository root.");
    }

    private static JsonNode read(Path yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAI spec at " + yaml, e);
        }
    }
}
