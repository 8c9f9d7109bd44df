package dev.kafkarest.core.consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kafkarest.core.format.RecordCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A plain {@link RecordBatchWriter} for core tests: a JSON array of {@code {"topic", "key", "value",
 * "partition", "offset"}} as a string, each record written on its own and appended only when it is whole.
 * The API's own writers live with the API (v2: {@code server.v2.V2RecordsWriter}).
 */
final class JsonTestWriter extends CountingBatchWriter<String> {
  static final RecordBatchWriter.Factory<String> FACTORY = (format, codec) -> new JsonTestWriter(codec, () -> {});
  private static final JsonFactory JSON = new JsonFactory();

  private final RecordCodec codec;
  private final Runnable onFinish;
  private final StringBuilder records = new StringBuilder();

  /** @param onFinish runs when the answer is finished, for tests that follow writers */
  JsonTestWriter(RecordCodec codec, Runnable onFinish) {
    this.codec = codec;
    this.onFinish = onFinish;
  }

  @Override
  public void add(ConsumerRecord<byte[], byte[]> record) {
    StringWriter one = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(one)) {
      out.writeStartObject();
      out.writeStringField("topic", record.topic());
      out.writeFieldName("key");
      codec.write(record.key(), out);
      out.writeFieldName("value");
      codec.write(record.value(), out);
      out.writeNumberField("partition", record.partition());
      out.writeNumberField("offset", record.offset());
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    records.append(count() == 0 ? "" : ",").append(one);
    counted(record);
  }

  @Override
  public String finish() {
    onFinish.run();
    return "[" + records + "]";
  }
}
