package dev.kafkarest.core.produce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.produce.ValueValidator.ValueCheck;
import dev.kafkarest.core.produce.ValueValidator.Violation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProduceRulesTest {
  /** Values of topic "orders" must not contain "bad"; every other topic is unchecked. */
  private final RecordingValidator validator = new RecordingValidator(Map.of("orders", json -> {
    String text = json == null ? "null" : new String(json, StandardCharsets.UTF_8);
    return text.contains("bad") ? List.of(new Violation("/qty", "must not be bad")) : List.of();
  }));
  private final ProduceRules rules = new ProduceRules(3, validator);

  @Test
  void parse_validJsonValues_returnsRecords() {
    List<ProduceRecord> records = rules.parse("orders", EmbeddedFormat.JSON, body("""
        {"records": [{"value": {"qty": 1}}, {"key": "k", "value": "good"}]}"""));

    assertEquals(2, records.size());
    assertArrayEquals(bytes("{\"qty\":1}"), records.get(0).value());
    assertEquals(2, validator.checked.size());
  }

  @Test
  void parse_oneValueFails_returns42210WithIndexAndPointer() {
    ProxyException e = assertThrows(ProxyException.class, () -> rules.parse("orders", EmbeddedFormat.JSON, body("""
        {"records": [{"value": "good"}, {"value": "bad"}]}""")));

    assertEquals(ErrorCode.SCHEMA_VALIDATION_FAILED, e.errorCode());
    assertEquals(422, e.errorCode().httpStatus());
    assertEquals(42210, e.errorCode().code());
    assertEquals("Record values do not match the JSON Schema of topic orders, nothing was produced: "
        + "records[1].value at \"/qty\": must not be bad.", e.getMessage());
  }

  @Test
  void requireValidValues_severalRecordsFail_listsEachInRequestOrder() {
    ValueCheck twoEach = json -> List.of(new Violation("", "first"), new Violation("/a~1b/0", "second"));
    ProduceRules rules = new ProduceRules(100, topic -> twoEach);

    ProxyException e = assertThrows(ProxyException.class,
        () -> rules.requireValidValues("t", EmbeddedFormat.JSON, values("1", "2")));

    assertEquals("Record values do not match the JSON Schema of topic t, nothing was produced: "
        + "records[0].value at \"\": first; records[0].value at \"/a~1b/0\": second; "
        + "records[1].value at \"\": first; records[1].value at \"/a~1b/0\": second.", e.getMessage());
  }

  @Test
  void requireValidValues_manyFailures_listsTwentyThenCountsTheRest() {
    ProduceRules rules = new ProduceRules(100, topic -> json -> List.of(new Violation("/x", "wrong")));
    List<ProduceRecord> records = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      records.add(new ProduceRecord(null, bytes("1"), null));
    }

    ProxyException e = assertThrows(ProxyException.class,
        () -> rules.requireValidValues("t", EmbeddedFormat.JSON, records));

    assertTrue(e.getMessage().contains("records[19].value at \"/x\": wrong; and 5 more."), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf("records[20]"), e.getMessage());
  }

  @Test
  void requireValidValues_longPointerAndReason_areCut() {
    String longText = "x".repeat(500);
    ProduceRules rules = new ProduceRules(100, topic -> json -> List.of(new Violation("/" + longText, longText)));

    ProxyException e = assertThrows(ProxyException.class,
        () -> rules.requireValidValues("t", EmbeddedFormat.JSON, values("1")));

    assertTrue(e.getMessage().length() < 600, e.getMessage());
    assertTrue(e.getMessage().contains("x...\": xxx"), e.getMessage());
  }

  @Test
  void requireValidValues_nullValue_isCheckedAsNull() {
    rules.requireValidValues("orders", EmbeddedFormat.JSON, List.of(new ProduceRecord(null, null, null)));

    assertEquals(1, validator.checked.size());
    assertNull(validator.checked.get(0));
  }

  @Test
  void requireValidValues_binaryFormat_checksNothing() {
    rules.requireValidValues("orders", EmbeddedFormat.BINARY, values("\"bad\""));

    assertEquals(List.of(), validator.topicsLookedUp);
    assertEquals(List.of(), validator.checked);
  }

  @Test
  void parse_binaryToACheckedTopic_isProducedUnchecked() {
    List<ProduceRecord> records = rules.parse("orders", EmbeddedFormat.BINARY, body("""
        {"records": [{"value": "YmFk"}]}"""));

    assertArrayEquals(bytes("bad"), records.get(0).value());
    assertEquals(List.of(), validator.checked);
  }

  @Test
  void requireValidValues_topicWithoutCheck_looksUpOnceAndChecksNoValue() {
    rules.requireValidValues("other", EmbeddedFormat.JSON, values("\"bad\"", "\"bad\""));

    assertEquals(List.of("other"), validator.topicsLookedUp);
    assertEquals(List.of(), validator.checked);
  }

  @Test
  void parse_moreRecordsThanTheLimit_returns413() {
    ProxyException e = assertThrows(ProxyException.class, () -> rules.parse("other", EmbeddedFormat.BINARY, body("""
        {"records": [{"value": "YQ=="}, {"value": "YQ=="}, {"value": "YQ=="}, {"value": "YQ=="}]}""")));

    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.errorCode());
    assertEquals("Too many records: a produce request may hold at most 3 records.", e.getMessage());
  }

  @Test
  void parse_exactlyTheLimit_returnsRecords() {
    assertEquals(3, rules.parse("other", EmbeddedFormat.BINARY, body("""
        {"records": [{"value": "YQ=="}, {"value": "YQ=="}, {"value": "YQ=="}]}""")).size());
  }

  @Test
  void parse_illegalTopicName_returns40002BeforeReadingTheBody() {
    InputStream unreadable = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the body was read");
      }
    };

    ProxyException e = assertThrows(ProxyException.class, () -> rules.parse("a b", EmbeddedFormat.JSON, unreadable));

    assertEquals(ErrorCode.KAFKA_BAD_REQUEST, e.errorCode());
  }

  @Test
  void constructor_maxRecordsBelowOne_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ProduceRules(0, ValueValidator.NONE));
  }

  @Test
  void defaults_allowTenThousandRecordsAndCheckNothing() {
    ProduceRules defaults = ProduceRules.defaults();

    assertEquals(10_000, defaults.maxRecords());
    defaults.requireValidValues("orders", EmbeddedFormat.JSON, values("\"bad\""));
  }

  private static List<ProduceRecord> values(String... json) {
    List<ProduceRecord> records = new ArrayList<>();
    for (String value : json) {
      records.add(new ProduceRecord(null, bytes(value), null));
    }
    return records;
  }

  private static InputStream body(String json) {
    return new ByteArrayInputStream(bytes(json));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Serves checks by exact topic and records which topics were looked up and which values checked. */
  private static final class RecordingValidator implements ValueValidator {
    final List<String> topicsLookedUp = new ArrayList<>();
    final List<byte[]> checked = new ArrayList<>();
    private final Map<String, ValueCheck> checks;

    RecordingValidator(Map<String, ValueCheck> checks) {
      this.checks = checks;
    }

    @Override
    public ValueCheck forTopic(String topic) {
      topicsLookedUp.add(topic);
      ValueCheck check = checks.get(topic);
      return check == null ? null : json -> {
        checked.add(json);
        return check.check(json);
      };
    }
  }
}
