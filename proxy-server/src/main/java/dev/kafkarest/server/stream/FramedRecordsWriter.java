package dev.kafkarest.server.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.format.RecordCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Writes one batch of a stream: each record framed ({@link Framing}) around the JSON its API renders
 * ({@link RecordRenderer}), straight into the body. A record that cannot be decoded is cut off again, so
 * it leaves the body as it was. Not thread-safe.
 */
final class FramedRecordsWriter implements RecordBatchWriter<RecordsBody> {
  // Closing a generator must only flush: a broken record is cut off, never completed.
  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .rootValueSeparator((SerializableString) null)
      .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
      .build();

  private final Framing framing;
  private final RecordRenderer renderer;
  private final RecordCodec codec;
  private final RecordsBody.Builder body = new RecordsBody.Builder();
  private @Nullable JsonGenerator generator;
  private int count;
  private long bytes;

  FramedRecordsWriter(Framing framing, RecordRenderer renderer, RecordCodec codec) {
    this.framing = framing;
    this.renderer = renderer;
    this.codec = codec;
  }

  /** {@return the factory of a stream's writers} */
  static RecordBatchWriter.Factory<RecordsBody> factory(Framing framing, RecordRenderer renderer) {
    return (format, codec) -> new FramedRecordsWriter(framing, renderer, codec);
  }

  @Override
  public void add(ConsumerRecord<byte[], byte[]> record) {
    JsonGenerator out = generator();
    int mark = body.size() + out.getOutputBuffered();
    try {
      out.writeRaw(framing.prefix(record));
      renderer.write(record, codec, out);
      out.writeRaw(framing.suffix());
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

  private void discard(JsonGenerator broken, int mark) {
    generator = null;
    try {
      broken.close();
    } catch (IOException e) {
      // Only the body is written to, and it does not fail.
    }
    body.truncate(mark);
  }
}
