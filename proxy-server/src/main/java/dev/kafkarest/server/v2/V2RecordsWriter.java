package dev.kafkarest.server.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.kafkarest.core.consumer.JsonBatchWriter;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.server.stream.RecordRenderer;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Builds the body of a v2 records response, a JSON array of {@code {"topic", "key", "value", "partition",
 * "offset"}}, one record at a time, straight into the body ({@link JsonBatchWriter}). A record that cannot be
 * decoded is cut off again, so it leaves the body as it was.
 *
 * <p>One generator writes the whole response (records are root-level values with a hand-written
 * comma between them); field names and the topic are written pre-encoded. Not thread-safe.
 */
final class V2RecordsWriter extends JsonBatchWriter {
  /**
   * Creates the writer of one read; pass it to {@code ConsumerInstance#read}. A binary instance's is a {@link
   * V2BinaryRecordsWriter}, which writes the same bytes without a generator.
   */
  static final RecordBatchWriter.Factory<RecordsBody> FACTORY = (format, codec) -> format == EmbeddedFormat.BINARY
      ? new V2BinaryRecordsWriter(true)
      : new V2RecordsWriter(codec, true);
  /** Creates the writer of a v1 simple read, whose records have no {@code topic} field. */
  static final RecordBatchWriter.Factory<RecordsBody> V1_SIMPLE = (format, codec) -> format == EmbeddedFormat.BINARY
      ? new V2BinaryRecordsWriter(false)
      : new V2RecordsWriter(codec, false);

  private static final SerializableString TOPIC = new SerializedString("topic");
  private static final SerializableString KEY = new SerializedString("key");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString PARTITION = new SerializedString("partition");
  private static final SerializableString OFFSET = new SerializedString("offset");

  /** Writes one record as the records call does, for streams ({@code server.stream}). */
  static final RecordRenderer RENDERER =
      (record, codec, out) -> writeRecord(record, codec, out, new SerializedString(record.topic()));

  private final RecordCodec codec;
  private final boolean withTopic;
  private @Nullable SerializableString topic;

  V2RecordsWriter(RecordCodec codec, boolean withTopic) {
    super("[", "]");
    this.codec = codec;
    this.withTopic = withTopic;
  }

  @Override
  protected void write(ConsumerRecord<byte[], byte[]> record, int index, JsonGenerator out) throws IOException {
    if (index > 0) {
      out.writeRaw(',');
    }
    writeRecord(record, codec, out, withTopic ? topicOf(record) : null);
  }

  /**
   * Writes one record: {@code {"topic", "key", "value", "partition", "offset"}}, without {@code topic}
   * when it is null (v1's simple read).
   */
  private static void writeRecord(ConsumerRecord<byte[], byte[]> record, RecordCodec codec, JsonGenerator out,
      @Nullable SerializableString topic) throws IOException {
    out.writeStartObject();
    if (topic != null) {
      out.writeFieldName(TOPIC);
      out.writeString(topic);
    }
    out.writeFieldName(KEY);
    codec.write(record.key(), out);
    out.writeFieldName(VALUE);
    codec.write(record.value(), out);
    out.writeFieldName(PARTITION);
    out.writeNumber(record.partition());
    out.writeFieldName(OFFSET);
    out.writeNumber(record.offset());
    out.writeEndObject();
  }

  private SerializableString topicOf(ConsumerRecord<byte[], byte[]> record) {
    SerializableString current = topic;
    if (current == null || !current.getValue().equals(record.topic())) {
      current = new SerializedString(record.topic());
      topic = current;
    }
    return current;
  }
}
