package dev.kafkarest.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.format.UndecodableDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class FramedRecordsWriterTest {
  private static final RecordRenderer VALUE_ONLY = (record, codec, out) -> {
    out.writeStartObject();
    out.writeFieldName("value");
    codec.write(record.value(), out);
    out.writeEndObject();
  };

  private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
    return new ConsumerRecord<>("t", 2, offset, null, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(RecordsBody body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    body.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static FramedRecordsWriter writer(Framing framing) {
    return new FramedRecordsWriter(framing, VALUE_ONLY, RecordCodec.of(EmbeddedFormat.JSON));
  }

  @Test
  void add_sse_writesOneEventPerRecordWithItsPositionAsId() throws IOException {
    FramedRecordsWriter writer = writer(Framing.SSE);
    writer.add(record(7, "{\"a\":\"line\\nbreak\"}"));
    writer.add(record(8, "2"));

    assertEquals("id: t/2/7\ndata: {\"value\":{\"a\":\"line\\nbreak\"}}\n\nid: t/2/8\ndata: {\"value\":2}\n\n",
        text(writer.finish()));
    assertEquals(2, writer.count());
  }

  @Test
  void add_ndjson_writesOneLinePerRecord() throws IOException {
    FramedRecordsWriter writer = writer(Framing.NDJSON);
    writer.add(record(0, "[1]"));
    writer.add(record(1, "null"));

    assertEquals("{\"value\":[1]}\n{\"value\":null}\n", text(writer.finish()));
    assertEquals(7, writer.bytes());
  }

  @Test
  void add_undecodableRecord_leavesTheBatchAsItWas() throws IOException {
    FramedRecordsWriter writer = writer(Framing.SSE);
    writer.add(record(0, "1"));

    assertThrows(UndecodableDataException.class, () -> writer.add(record(1, "{not json")));

    assertEquals(1, writer.count());
    assertEquals("id: t/2/0\ndata: {\"value\":1}\n\n", text(writer.finish()));
  }
}
