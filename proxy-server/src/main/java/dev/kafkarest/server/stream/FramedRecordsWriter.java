package dev.kafkarest.server.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kafkarest.core.consumer.JsonBatchWriter;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.format.RecordCodec;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Writes one batch of a stream: each record framed ({@link Framing}) around the JSON its API renders
 * ({@link RecordRenderer}), straight into the body. A record that cannot be decoded is cut off again, so
 * it leaves the body as it was. Not thread-safe.
 */
final class FramedRecordsWriter extends JsonBatchWriter {
  private final Framing framing;
  private final RecordRenderer renderer;
  private final RecordCodec codec;

  FramedRecordsWriter(Framing framing, RecordRenderer renderer, RecordCodec codec) {
    super("", "");
    this.framing = framing;
    this.renderer = renderer;
    this.codec = codec;
  }

  /** {@return the factory of a stream's writers} */
  static RecordBatchWriter.Factory<RecordsBody> factory(Framing framing, RecordRenderer renderer) {
    return (format, codec) -> new FramedRecordsWriter(framing, renderer, codec);
  }

  @Override
  protected void write(ConsumerRecord<byte[], byte[]> record, int index, JsonGenerator out) throws IOException {
    out.writeRaw(framing.prefix(record));
    renderer.write(record, codec, out);
    out.writeRaw(framing.suffix());
  }
}
