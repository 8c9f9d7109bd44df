package dev.kafkarest.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.produce.ProduceRecord;
import dev.kafkarest.core.produce.ProduceRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceValidationTest {
  @TempDir Path dir;

  @Test
  void rules_fromSettings_checkJsonValuesOfConfiguredTopicsOnly() throws IOException {
    Path schema = Files.writeString(dir.resolve("orders.json"), "{\"type\": \"object\", \"required\": [\"id\"]}");
    ProduceRules rules = ProduceValidation.rules(Map.of(
        "produce.records.max", "50",
        "produce.value.schema.topic.orders", schema.toString()));
    List<ProduceRecord> bad = List.of(new ProduceRecord(null, "{}".getBytes(StandardCharsets.UTF_8), null));

    ProxyException e = assertThrows(ProxyException.class,
        () -> rules.requireValidValues("orders", EmbeddedFormat.JSON, bad));
    rules.requireValidValues("orders", EmbeddedFormat.BINARY, bad);
    rules.requireValidValues("other", EmbeddedFormat.JSON, bad);

    assertEquals(50, rules.maxRecords());
    assertEquals(ErrorCode.SCHEMA_VALIDATION_FAILED, e.errorCode());
    assertTrue(e.getMessage().endsWith("records[0].value at \"\": required property 'id' not found."), e.getMessage());
  }

  @Test
  void rules_missingSchemaFile_stopsStartUpNamingKeyAndFile() {
    Path missing = dir.resolve("nope.json");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ProduceValidation.rules(Map.of("produce.value.schema.prefix.sensors-", missing.toString())));

    assertTrue(e.getMessage().startsWith("produce.value.schema.prefix.sensors-: the schema file " + missing),
        e.getMessage());
  }
}
