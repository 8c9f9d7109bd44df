package dev.kafkarest.core.consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kafkarest.core.format.RecordCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Builds the body of a records response, a JSON array of {@code {"topic", "key", "value", "partition",
 * "offset"}}, one record at a time, straight into the body. A record that cannot be decoded is cut
 * off again, so it leaves the body as it was.
 */
final class RecordsWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final RecordCodec codec;
  private final Body body = new Body();
  private int count;
  private long bytes;

  RecordsWriter(RecordCodec codec) {
    this.codec = codec;
    body.write('[');
  }

  /**
   * Appends a record.
   *
   * @throws dev.kafkarest.core.format.UndecodableDataException if the key or value is not valid in the
   *     instance's format; nothing is appended then
   */
  void add(ConsumerRecord<byte[], byte[]> record) {
    int mark = body.size();
    if (count > 0) {
      body.write(',');
    }
    try (JsonGenerator generator = FACTORY.createGenerator(body)) {
      generator.writeStartObject();
      generator.writeStringField("topic", record.topic());
      generator.writeFieldName("key");
      codec.write(record.key(), generator);
      generator.writeFieldName("value");
      codec.write(record.value(), generator);
      generator.writeNumberField("partition", record.partition());
      generator.writeNumberField("offset", record.offset());
      generator.writeEndObject();
    } catch (IOException e) {
      body.truncate(mark);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      body.truncate(mark);
      throw e;
    }
    count++;
    bytes += sizeOf(record);
  }

  /** {@return the bytes a record counts for against {@code max_bytes}: its key and value} */
  static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
    return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
  }

  int count() {
    return count;
  }

  long bytes() {
    return bytes;
  }

  /** {@return the finished JSON array} */
  byte[] finish() {
    body.write(']');
    return body.toByteArray();
  }

  /** A growable byte buffer that can be cut back to an earlier length. */
  private static final class Body extends ByteArrayOutputStream {
    Body() {
      super(4096);
    }

    void truncate(int length) {
      count = length;
    }
  }
}
