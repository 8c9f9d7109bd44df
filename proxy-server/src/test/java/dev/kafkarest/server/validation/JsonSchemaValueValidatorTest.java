package dev.kafkarest.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.produce.ValueValidator;
import dev.kafkarest.core.produce.ValueValidator.ValueCheck;
import dev.kafkarest.core.produce.ValueValidator.Violation;
import dev.kafkarest.server.validation.ProduceValidationSettings.SchemaFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSchemaValueValidatorTest {
  private static final String ORDER_SCHEMA = """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
          "id": {"type": "string"},
          "qty": {"type": "integer", "minimum": 1},
          "price": {"type": "number", "multipleOf": 0.01},
          "lines": {"type": "array", "items": {"$ref": "#/$defs/line"}}
        },
        "required": ["id", "qty"],
        "additionalProperties": false,
        "$defs": {"line": {"type": "object", "required": ["sku"]}}
      }""";

  @TempDir Path dir;

  @Test
  void check_matchingValue_hasNoViolations() throws IOException {
    ValueCheck orders = checkFor("orders", ORDER_SCHEMA);

    assertEquals(List.of(), orders.check(utf8("{\"id\":\"o-1\",\"qty\":2,\"price\":9.99,\"lines\":[{\"sku\":\"a\"}]}")));
  }

  @Test
  void check_wrongField_pointsAtIt() throws IOException {
    ValueCheck orders = checkFor("orders", ORDER_SCHEMA);

    assertEquals(List.of(new Violation("/qty", "must have a minimum value of 1")),
        orders.check(utf8("{\"id\":\"o-1\",\"qty\":0}")));
  }

  @Test
  void check_severalProblems_reportsEachWithItsPointer() throws IOException {
    ValueCheck orders = checkFor("orders", ORDER_SCHEMA);

    List<Violation> violations = orders.check(utf8("{\"qty\":\"2\",\"lines\":[{\"sku\":\"a\"},{}],\"x\":1}"));

    List<String> pointers = violations.stream().map(Violation::pointer).sorted().toList();
    assertEquals(List.of("", "", "/lines/1", "/qty"), pointers, violations.toString());
    assertTrue(violations.stream().anyMatch(v -> v.reason().contains("required property 'id' not found")),
        violations.toString());
  }

  @Test
  void check_decimals_compareExactly() throws IOException {
    ValueCheck orders = checkFor("orders", ORDER_SCHEMA);

    assertEquals(List.of(), orders.check(utf8("{\"id\":\"o\",\"qty\":1,\"price\":0.3}")));
    assertEquals("/price", orders.check(utf8("{\"id\":\"o\",\"qty\":1,\"price\":0.305}")).get(0).pointer());
  }

  @Test
  void check_nullValue_isCheckedAsJsonNull() throws IOException {
    ValueCheck objects = checkFor("t", "{\"type\": \"object\"}");
    ValueCheck objectsOrTombstones = checkFor("t", "{\"type\": [\"object\", \"null\"]}");

    assertEquals(List.of(new Violation("", "null found, object expected")), objects.check(null));
    assertEquals(List.of(), objectsOrTombstones.check(null));
  }

  @Test
  void check_numberBeyondBigDecimal_isAViolationNotAFailure() throws IOException {
    ValueCheck numbers = checkFor("t", "{\"type\": \"number\"}");

    List<Violation> violations = numbers.check(utf8("1e99999999999"));

    assertEquals(1, violations.size());
    assertEquals("", violations.get(0).pointer());
    assertTrue(violations.get(0).reason().startsWith("cannot be validated: "), violations.toString());
  }

  @Test
  void check_deeplyNestedValue_answersWithoutFailing() throws IOException {
    ValueCheck nested = checkFor("t", "{\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}");
    String deep = "[".repeat(400) + "]".repeat(400);
    String deepWithNumber = "[".repeat(400) + "1" + "]".repeat(400);

    assertEquals(List.of(), nested.check(utf8(deep)));
    assertEquals(1, nested.check(utf8(deepWithNumber)).size());
  }

  @Test
  void forTopic_exactTopicWinsOverPrefix_longestPrefixWinsOverShorter() throws IOException {
    Path exact = schema("exact.json", "{\"const\": \"exact\"}");
    Path shortPrefix = schema("short.json", "{\"const\": \"short\"}");
    Path longPrefix = schema("long.json", "{\"const\": \"long\"}");
    ValueValidator validator = JsonSchemaValueValidator.load(new ProduceValidationSettings(10,
        Map.of("sensors-eu-1", file("produce.value.schema.topic.sensors-eu-1", exact)),
        Map.of("sensors-", file("produce.value.schema.prefix.sensors-", shortPrefix),
            "sensors-eu-", file("produce.value.schema.prefix.sensors-eu-", longPrefix))));

    assertEquals(List.of(), validator.forTopic("sensors-eu-1").check(utf8("\"exact\"")));
    assertEquals(List.of(), validator.forTopic("sensors-eu-2").check(utf8("\"long\"")));
    assertEquals(List.of(), validator.forTopic("sensors-us-1").check(utf8("\"short\"")));
    assertNull(validator.forTopic("orders"));
    assertNull(validator.forTopic("sensors"));
  }

  @Test
  void load_noSchemas_returnsNone() {
    assertSame(ValueValidator.NONE, JsonSchemaValueValidator.load(new ProduceValidationSettings(10, Map.of(), Map.of())));
  }

  @Test
  void load_sameFileForSeveralKeys_compilesItOnce() throws IOException {
    Path shared = schema("shared.json", "{\"type\": \"object\"}");
    ValueValidator validator = JsonSchemaValueValidator.load(new ProduceValidationSettings(10,
        Map.of("a", file("produce.value.schema.topic.a", shared), "b", file("produce.value.schema.topic.b", shared)),
        Map.of()));

    assertSame(validator.forTopic("a"), validator.forTopic("b"));
  }

  @Test
  void load_missingFile_failsNamingKeyAndFile() {
    Path missing = dir.resolve("missing.schema.json");

    ConfigException e = assertThrows(ConfigException.class, () -> load("orders", missing));

    assertTrue(e.getMessage().startsWith("produce.value.schema.topic.orders: the schema file " + missing
        + " cannot be read (NoSuchFileException"), e.getMessage());
  }

  @Test
  void load_fileIsNotJson_failsNamingKeyAndFile() throws IOException {
    Path broken = schema("broken.json", "{\"type\": ");

    ConfigException e = assertThrows(ConfigException.class, () -> load("orders", broken));

    assertTrue(e.getMessage().startsWith("produce.value.schema.topic.orders: the schema file " + broken
        + " is not valid JSON: "), e.getMessage());
  }

  @Test
  void load_trailingContent_failsAsNotJson() throws IOException {
    Path trailing = schema("trailing.json", "{} {}");

    assertTrue(assertThrows(ConfigException.class, () -> load("orders", trailing)).getMessage()
        .contains("is not valid JSON"));
  }

  @Test
  void load_notASchema_failsListingWhatIsWrong() throws IOException {
    Path invalid = schema("invalid.json", "{\"type\": \"objekt\", \"minimum\": \"one\"}");

    ConfigException e = assertThrows(ConfigException.class, () -> load("orders", invalid));

    assertTrue(e.getMessage().startsWith("produce.value.schema.topic.orders: the schema file " + invalid
        + " is not a valid JSON Schema (https://json-schema.org/draft/2020-12/schema): "), e.getMessage());
    assertTrue(e.getMessage().contains("\"/type\"") && e.getMessage().contains("\"/minimum\""), e.getMessage());
  }

  @Test
  void load_arrayInsteadOfSchema_fails() throws IOException {
    Path array = schema("array.json", "[]");

    assertTrue(assertThrows(ConfigException.class, () -> load("orders", array)).getMessage()
        .contains("is not a JSON Schema: it must hold an object or a boolean."));
  }

  @Test
  void load_refToAnotherFile_failsAtStartUp() throws IOException {
    schema("other.json", "{\"type\": \"string\"}");
    Path referring = schema("referring.json", "{\"$ref\": \"other.json\"}");

    ConfigException e = assertThrows(ConfigException.class, () -> load("orders", referring));

    assertTrue(e.getMessage().startsWith("produce.value.schema.topic.orders: the schema file " + referring
        + " cannot be compiled"), e.getMessage());
  }

  @Test
  void load_refToAUrl_failsAtStartUpWithoutFetching() throws IOException {
    Path remote = schema("remote.json", "{\"$ref\": \"http://127.0.0.1:9/schema.json\"}");

    assertTrue(assertThrows(ConfigException.class, () -> load("orders", remote)).getMessage()
        .contains("cannot be compiled"));
  }

  @Test
  void load_danglingLocalRef_failsAtStartUp() throws IOException {
    Path dangling = schema("dangling.json", "{\"$ref\": \"#/$defs/nope\"}");

    assertTrue(assertThrows(ConfigException.class, () -> load("orders", dangling)).getMessage()
        .contains("cannot be compiled"));
  }

  @Test
  void load_olderDraftDeclared_isUsed() throws IOException {
    ValueCheck draft7 = checkFor("t", """
        {"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}]}""");

    assertEquals(List.of("/0"), draft7.check(utf8("[1]")).stream().map(Violation::pointer).toList());
  }

  private ValueCheck checkFor(String topic, String schemaText) throws IOException {
    ValueCheck check = load(topic, schema(topic + "-" + System.nanoTime() + ".json", schemaText)).forTopic(topic);
    assertNotNull(check);
    return check;
  }

  private static ValueValidator load(String topic, Path schema) {
    return JsonSchemaValueValidator.load(new ProduceValidationSettings(10,
        Map.of(topic, file("produce.value.schema.topic." + topic, schema)), Map.of()));
  }

  private static SchemaFile file(String key, Path path) {
    return new SchemaFile(key, path);
  }

  private Path schema(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
