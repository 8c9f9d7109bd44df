package dev.kafkarest.server.hdinsight;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kafkarest.core.consumer.CountingBatchWriter;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Builds HDInsight's consume answer, {@code {"records": [{"key", "value", "partition", "offset",
 * "timestamp", "timestampType"}]}}, with keys and values as their UTF-8 text (a value produced as a JSON
 * object comes back as its JSON text). Never refuses a record. Not thread-safe.
 */
final class HdInsightRecordsWriter extends CountingBatchWriter<byte[]> {
  static final RecordBatchWriter.Factory<byte[]> FACTORY = (format, codec) -> new HdInsightRecordsWriter();
  private static final JsonFactory JSON = new JsonFactory();

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final JsonGenerator out;

  HdInsightRecordsWriter() {
    try {
      out = JSON.createGenerator(body);
      out.writeStartObject();
      out.writeArrayFieldStart("records");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void add(ConsumerRecord<byte[], byte[]> record) {
    try {
      out.writeStartObject();
      writeText("key", record.key());
      writeText("value", record.value());
      out.writeNumberField("partition", record.partition());
      out.writeNumberField("offset", record.offset());
      out.writeNumberField("timestamp", record.timestamp());
      out.writeStringField("timestampType", record.timestampType().name);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    counted(record);
  }

  private void writeText(String field, byte[] data) throws IOException {
    if (data == null) {
      out.writeNullField(field);
    } else {
      out.writeStringField(field, new String(data, StandardCharsets.UTF_8));
    }
  }

  @Override
  public byte[] finish() {
    try {
      out.writeEndArray();
      out.writeEndObject();
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return body.toByteArray();
  }
}
