package dev.kafkarest.server.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.format.UndecodableDataException;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Writes one record as a JSON value, in the shape of an API (v2's {@code {"topic", "key", ...}}). */
@FunctionalInterface
public interface RecordRenderer {

  /**
   * Writes the record as one JSON value.
   *
   * @throws UndecodableDataException if the key or value is not valid in the codec's format
   */
  void write(ConsumerRecord<byte[], byte[]> record, RecordCodec codec, JsonGenerator out) throws IOException;
}
