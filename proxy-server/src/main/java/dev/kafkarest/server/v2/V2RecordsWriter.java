package dev.kafkarest.server.v2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.server.stream.RecordRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Builds the body of a v2 records response, a JSON array of {@code {"topic", "key", "value", "partition",
 * "offset"}}, one record at a time, straight into the body. A record that cannot be decoded is cut
 * off again, so it leaves the body as it was.
 *
 * <p>One generator writes the whole response (records are root-level values with a hand-written
 * comma between them); field names and the topic are written pre-encoded. Not thread-safe.
 */
final class V2RecordsWriter implements RecordBatchWriter<RecordsBody> {
  /** Creates the writer of one read; pass it to {@code ConsumerInstance#read}. */
  static final RecordBatchWriter.Factory<RecordsBody> FACTORY = (format, codec) -> new V2RecordsWriter(codec, true);
  /** Creates the writer of a v1 simple read, whose records have no {@code topic} field. */
  static final RecordBatchWriter.Factory<RecordsBody> V1_SIMPLE = (format, codec) -> new V2RecordsWriter(codec, false);

  // Closing a generator must only flush: a broken record is cut off, never completed.
  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .rootValueSeparator((SerializableString) null)
      .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
      .build();
  private static final SerializableString TOPIC = new SerializedString("topic");
  private static final SerializableString KEY = new SerializedString("key");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString PARTITION = new SerializedString("partition");
  private static final SerializableString OFFSET = new SerializedString("offset");

  /** Writes one record as the records call does, for streams ({@code server.stream}). */
  static final RecordRenderer RENDERER =
      (record, codec, out) -> writeRecord(record, codec, out, new SerializedString(record.topic()));

  private final RecordCodec codec;
  private final RecordsBody.Builder body = new RecordsBody.Builder();
  private @Nullable JsonGenerator generator;
  private @Nullable SerializableString topic;
  private int count;
  private long bytes;

  private final boolean withTopic;

  V2RecordsWriter(RecordCodec codec, boolean withTopic) {
    this.codec = codec;
    this.withTopic = withTopic;
    body.write('[');
  }

  @Override
  public void add(ConsumerRecord<byte[], byte[]> record) {
    JsonGenerator out = generator();
    int mark = body.size() + out.getOutputBuffered();
    try {
      if (count > 0) {
        out.writeRaw(',');
      }
      writeRecord(record, codec, out, withTopic ? topicOf(record) : null);
    } catch (IOException e) {
      discard(out, mark);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      discard(out, mark);
      throw e;
    }
    count++;
    bytes += RecordBatchWriter.sizeOf(record);
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public long bytes() {
    return bytes;
  }

  /** {@return the finished JSON array} */
  @Override
  public RecordsBody finish() {
    if (generator != null) {
      try {
        generator.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      generator = null;
    }
    body.write(']');
    return body.build();
  }

  private JsonGenerator generator() {
    if (generator == null) {
      try {
        generator = JSON.createGenerator(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return generator;
  }

  /**
   * Drops a partly written record: closing the broken generator flushes what it holds to the body and
   * gives its buffers back, then the body is cut back to where the record began.
   */
  private void discard(JsonGenerator broken, int mark) {
    generator = null;
    try {
      broken.close();
    } catch (IOException e) {
      // Only the body is written to, and it does not fail.
    }
    body.truncate(mark);
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
