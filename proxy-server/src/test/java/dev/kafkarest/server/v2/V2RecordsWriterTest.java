package dev.kafkarest.server.v2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.format.UndecodableDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class V2RecordsWriterTest {

  @Test
  void add_v1SimpleReadWriter_leavesTheTopicOut() throws IOException {
    V2RecordsWriter writer = (V2RecordsWriter) V2RecordsWriter.V1_SIMPLE.create(EmbeddedFormat.JSON,
        RecordCodec.of(EmbeddedFormat.JSON));
    writer.add(record(3, "\"k\"", "1"));

    assertEquals("[{\"key\":\"k\",\"value\":1,\"partition\":0,\"offset\":3}]", text(writer.finish()));
  }

  @Test
  void add_undecodableValueAfterOtherRecords_leavesValidBodyWithEarlierRecordsIntact() throws IOException {
    V2RecordsWriter writer = new V2RecordsWriter(RecordCodec.of(EmbeddedFormat.JSON), true);
    writer.add(record(0, "\"k0\"", "{\"a\":1}"));
    // Truncated JSON: the generator has already copied part of it when the parser fails.
    assertThrows(UndecodableDataException.class, () -> writer.add(record(1, "\"k1\"", "{\"a\":[1,2,")));
    writer.add(record(2, null, "[true]"));

    String body = text(writer.finish());

    assertEquals("[{\"topic\":\"t\",\"key\":\"k0\",\"value\":{\"a\":1},\"partition\":0,\"offset\":0},"
        + "{\"topic\":\"t\",\"key\":null,\"value\":[true],\"partition\":0,\"offset\":2}]", body);
    assertValidJsonArray(body);
    assertEquals(2, writer.count());
    assertEquals(4 + 7 + 6, writer.bytes());
  }

  @Test
  void add_undecodableKeyAsFirstRecord_leavesEmptyArray() throws IOException {
    V2RecordsWriter writer = new V2RecordsWriter(RecordCodec.of(EmbeddedFormat.JSON), true);

    assertThrows(UndecodableDataException.class, () -> writer.add(record(0, "not json", "1")));
    String body = text(writer.finish());

    assertEquals("[]", body);
    assertValidJsonArray(body);
    assertEquals(0, writer.count());
    assertEquals(0, writer.bytes());
  }

  @Test
  void add_binaryRecords_writesPaddedBase64AndNulls() throws IOException {
    V2RecordsWriter writer = new V2RecordsWriter(RecordCodec.of(EmbeddedFormat.BINARY), true);
    writer.add(record(7, "k", null));
    writer.add(record(8, null, "va"));

    assertEquals("[{\"topic\":\"t\",\"key\":\"aw==\",\"value\":null,\"partition\":0,\"offset\":7},"
        + "{\"topic\":\"t\",\"key\":null,\"value\":\"dmE=\",\"partition\":0,\"offset\":8}]",
        text(writer.finish()));
    assertEquals(3, writer.bytes());
  }

  @Test
  void add_undecodableRecordLargerThanGeneratorBuffer_isCutOffAndLaterRecordsFollow() throws IOException {
    V2RecordsWriter writer = new V2RecordsWriter(RecordCodec.of(EmbeddedFormat.JSON), true);
    String big = "\"" + "x".repeat(20_000) + "\"";
    writer.add(record(0, null, big));
    // Valid for 20,000 characters, then broken: part of it has already been flushed to the body.
    assertThrows(UndecodableDataException.class, () -> writer.add(record(1, null, "[" + big + ",")));
    writer.add(record(2, null, "2"));

    String body = text(writer.finish());

    assertEquals("[{\"topic\":\"t\",\"key\":null,\"value\":" + big + ",\"partition\":0,\"offset\":0},"
        + "{\"topic\":\"t\",\"key\":null,\"value\":2,\"partition\":0,\"offset\":2}]", body);
    assertValidJsonArray(body);
  }

  @Test
  void add_recordsOfSeveralTopics_namesEachRecordsOwnTopic() throws IOException {
    V2RecordsWriter writer = new V2RecordsWriter(RecordCodec.of(EmbeddedFormat.JSON), true);
    writer.add(new ConsumerRecord<>("a", 1, 5, null, "1".getBytes(UTF_8)));
    writer.add(new ConsumerRecord<>("b\"q", 0, 6, null, "2".getBytes(UTF_8)));
    writer.add(new ConsumerRecord<>("a", 2, 7, null, "3".getBytes(UTF_8)));

    assertEquals("[{\"topic\":\"a\",\"key\":null,\"value\":1,\"partition\":1,\"offset\":5},"
        + "{\"topic\":\"b\\\"q\",\"key\":null,\"value\":2,\"partition\":0,\"offset\":6},"
        + "{\"topic\":\"a\",\"key\":null,\"value\":3,\"partition\":2,\"offset\":7}]",
        text(writer.finish()));
  }

  @Test
  void finish_manyRecords_producesOneValidArrayWithEveryRecord() throws IOException {
    V2RecordsWriter writer = new V2RecordsWriter(RecordCodec.of(EmbeddedFormat.BINARY), true);
    for (int i = 0; i < 1_000; i++) {
      writer.add(record(i, null, "value-" + i));
    }

    String body = text(writer.finish());

    assertValidJsonArray(body);
    assertEquals(1_000, body.split("\"offset\":", -1).length - 1);
    assertTrue(body.endsWith("\"offset\":999}]"));
  }

  @Test
  void factory_eachRead_getsItsOwnEmptyWriter() throws IOException {
    RecordBatchWriter<RecordsBody> first = V2RecordsWriter.FACTORY.create(EmbeddedFormat.BINARY,
        RecordCodec.of(EmbeddedFormat.BINARY));
    first.add(record(0, null, "v"));

    RecordBatchWriter<RecordsBody> second = V2RecordsWriter.FACTORY.create(EmbeddedFormat.BINARY,
        RecordCodec.of(EmbeddedFormat.BINARY));

    assertEquals(0, second.count());
    assertEquals("[]", text(second.finish()));
    assertEquals(1, first.count());
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
    return new ConsumerRecord<>("t", 0, offset, key == null ? null : key.getBytes(UTF_8),
        value == null ? null : value.getBytes(UTF_8));
  }

  private static String text(RecordsBody body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    body.writeTo(out);
    assertEquals(out.size(), body.size());
    return out.toString(UTF_8);
  }

  private static void assertValidJsonArray(String body) throws IOException {
    try (JsonParser parser = new JsonFactory().createParser(body)) {
      assertEquals(JsonToken.START_ARRAY, parser.nextToken());
      parser.skipChildren();
      assertEquals(JsonToken.END_ARRAY, parser.currentToken());
      assertNull(assertDoesNotThrow(() -> parser.nextToken()));
    }
  }
}
