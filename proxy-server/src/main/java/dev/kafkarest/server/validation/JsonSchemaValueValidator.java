package dev.kafkarest.server.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.kafkarest.core.produce.ValueValidator;
import dev.kafkarest.server.validation.ProduceValidationSettings.SchemaFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/**
 * Checks json values against JSON Schemas (draft 2020-12 unless a schema's {@code $schema} names another
 * draft) with networknt's validator, by exact topic name, else by the longest configured prefix.
 *
 * <p>Schemas are read and compiled once, at start-up. A schema must be self-contained: {@code $ref}s
 * within the file ({@code #/$defs/...}) work; references to other files or URLs are refused at start-up,
 * so validation never reads a file or the network. Each value is parsed once into a tree, with decimals
 * as {@code BigDecimal} so that {@code multipleOf} and bounds compare exactly. Thread-safe.
 */
public final class JsonSchemaValueValidator implements ValueValidator {
  /** Largest schema file read; a bigger one is surely a mistake. */
  static final long MAX_SCHEMA_BYTES = 4L * 1024 * 1024;
  private static final String DEFAULT_DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();
  private static final int MAX_SCHEMA_ERRORS_LISTED = 5;
  private static final ObjectMapper SCHEMA_MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectReader VALUE_READER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .reader();

  private final Map<String, ValueCheck> byTopic;
  /** Longest prefix first, so the first match is the most specific. */
  private final List<Map.Entry<String, ValueCheck>> byPrefix;

  private JsonSchemaValueValidator(Map<String, ValueCheck> byTopic, Map<String, ValueCheck> byPrefix) {
    this.byTopic = Map.copyOf(byTopic);
    this.byPrefix = byPrefix.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, ValueCheck> entry) -> entry.getKey().length()).reversed())
        .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
        .toList();
  }

  /**
   * Reads and compiles every configured schema; {@link ValueValidator#NONE} when there are none. A file
   * named by several keys is read once.
   *
   * @throws ConfigException naming the key and the file, when a file cannot be read, is not JSON,
   *     is not a valid JSON Schema of its draft, or has a {@code $ref} that cannot be resolved within it
   */
  public static ValueValidator load(ProduceValidationSettings settings) {
    if (!settings.hasSchemas()) {
      return ValueValidator.NONE;
    }
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    Map<Path, ValueCheck> loaded = new HashMap<>();
    Map<String, ValueCheck> byTopic = new HashMap<>();
    Map<String, ValueCheck> byPrefix = new HashMap<>();
    settings.topicSchemas().forEach((topic, file) ->
        byTopic.put(topic, loaded.computeIfAbsent(file.file().toAbsolutePath(), path -> compile(registry, file))));
    settings.prefixSchemas().forEach((prefix, file) ->
        byPrefix.put(prefix, loaded.computeIfAbsent(file.file().toAbsolutePath(), path -> compile(registry, file))));
    return new JsonSchemaValueValidator(byTopic, byPrefix);
  }

  @Override
  public @Nullable ValueCheck forTopic(String topic) {
    ValueCheck exact = byTopic.get(topic);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, ValueCheck> prefix : byPrefix) {
      if (topic.startsWith(prefix.getKey())) {
        return prefix.getValue();
      }
    }
    return null;
  }

  private static ValueCheck compile(SchemaRegistry registry, SchemaFile source) {
    Path file = source.file();
    JsonNode node;
    try {
      if (Files.size(file) > MAX_SCHEMA_BYTES) {
        throw invalid(source, "is larger than " + MAX_SCHEMA_BYTES + " bytes.");
      }
      node = SCHEMA_MAPPER.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw invalid(source, "is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw invalid(source, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").", e);
    }
    if (node == null || !(node.isObject() || node.isBoolean())) {
      throw invalid(source, "is not a JSON Schema: it must hold an object or a boolean.");
    }
    String dialect = node.path("$schema").asText(DEFAULT_DIALECT);
    Schema schema;
    try {
      List<Error> errors = registry.getSchema(SchemaLocation.of(dialect)).validate(node);
      if (!errors.isEmpty()) {
        throw invalid(source, "is not a valid JSON Schema (" + dialect + "): " + describe(errors));
      }
      schema = registry.getSchema(SchemaLocation.of(file.toAbsolutePath().toUri().toString()), node);
      schema.initializeValidators();
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid(source, "cannot be compiled (a $ref to another file or a URL, an unknown $schema, or a "
          + "reference that does not resolve): " + e.getMessage(), e);
    }
    return new SchemaCheck(schema);
  }

  private static String describe(List<Error> errors) {
    String listed = errors.stream().limit(MAX_SCHEMA_ERRORS_LISTED)
        .map(error -> "\"" + error.getInstanceLocation() + "\": " + error.getMessage())
        .collect(Collectors.joining("; "));
    return errors.size() > MAX_SCHEMA_ERRORS_LISTED
        ? listed + "; and " + (errors.size() - MAX_SCHEMA_ERRORS_LISTED) + " more."
        : listed + ".";
  }

  private static ConfigException invalid(SchemaFile source, String problem) {
    return new ConfigException(message(source, problem));
  }

  private static ConfigException invalid(SchemaFile source, String problem, Throwable cause) {
    ConfigException e = new ConfigException(message(source, problem));
    e.initCause(cause);
    return e;
  }

  private static String message(SchemaFile source, String problem) {
    return source.key() + ": the schema file " + source.file() + " " + problem;
  }

  /** One compiled schema. */
  private record SchemaCheck(Schema schema) implements ValueCheck {
    @Override
    public List<Violation> check(byte @Nullable [] json) {
      JsonNode value;
      try {
        value = json == null ? NullNode.getInstance() : VALUE_READER.readTree(json);
      } catch (IOException | RuntimeException e) {
        String reason = e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage();
        return List.of(new Violation("", "cannot be validated: " + reason));
      }
      List<Error> errors;
      try {
        errors = schema.validate(value);
      } catch (StackOverflowError e) {
        return List.of(new Violation("", "is nested too deeply to be validated"));
      }
      List<Violation> violations = new ArrayList<>(errors.size());
      for (Error error : errors) {
        violations.add(new Violation(error.getInstanceLocation().toString(), error.getMessage()));
      }
      return violations;
    }
  }
}
