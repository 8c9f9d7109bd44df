package dev.kafkarest.core.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.format.UndecodableDataException;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordsWriterTest {

  @Test
  void add_undecodableValueAfterOtherRecords_leavesValidBodyWithEarlierRecordsIntact() throws IOException {
    RecordsWriter writer = new RecordsWriter(RecordCodec.of(EmbeddedFormat.JSON));
    writer.add(record(0, "\"k0\"", "{\"a\":1}"));
    // Truncated JSON: the generator has already copied part of it when the parser fails.
    assertThrows(UndecodableDataException.class, () -> writer.add(record(1, "\"k1\"", "{\"a\":[1,2,")));
    writer.add(record(2, null, "[true]"));

    String body = new String(writer.finish(), UTF_8);

    assertEquals("[{\"topic\":\"t\",\"key\":\"k0\",\"value\":{\"a\":1},\"partition\":0,\"offset\":0},"
        + "{\"topic\":\"t\",\"key\":null,\"value\":[true],\"partition\":0,\"offset\":2}]", body);
    assertValidJsonArray(body);
    assertEquals(2, writer.count());
    assertEquals(4 + 7 + 6, writer.bytes());
  }

  @Test
  void add_undecodableKeyAsFirstRecord_leavesEmptyArray() throws IOException {
    RecordsWriter writer = new RecordsWriter(RecordCodec.of(EmbeddedFormat.JSON));

    assertThrows(UndecodableDataException.class, () -> writer.add(record(0, "not json", "1")));
    String body = new String(writer.finish(), UTF_8);

    assertEquals("[]", body);
    assertValidJsonArray(body);
    assertEquals(0, writer.count());
    assertEquals(0, writer.bytes());
  }

  @Test
  void add_binaryRecords_writesPaddedBase64AndNulls() {
    RecordsWriter writer = new RecordsWriter(RecordCodec.of(EmbeddedFormat.BINARY));
    writer.add(record(7, "k", null));
    writer.add(record(8, null, "va"));

    assertEquals("[{\"topic\":\"t\",\"key\":\"aw==\",\"value\":null,\"partition\":0,\"offset\":7},"
        + "{\"topic\":\"t\",\"key\":null,\"value\":\"dmE=\",\"partition\":0,\"offset\":8}]",
        new String(writer.finish(), UTF_8));
    assertEquals(3, writer.bytes());
  }

  @Test
  void sizeOf_nullKeyAndValue_countsZero() {
    assertEquals(0, RecordsWriter.sizeOf(record(0, null, null)));
    assertEquals(5, RecordsWriter.sizeOf(record(0, "ab", "cde")));
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
    return new ConsumerRecord<>("t", 0, offset, key == null ? null : key.getBytes(UTF_8),
        value == null ? null : value.getBytes(UTF_8));
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
