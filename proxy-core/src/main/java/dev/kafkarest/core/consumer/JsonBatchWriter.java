package dev.kafkarest.core.consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RecordBatchWriter} whose records are JSON written by one generator straight into a {@link
 * RecordsBody}, between an opening and a closing text (a JSON array's brackets, or nothing for a stream).
 * A record whose writing fails (one the codec cannot decode) is cut off again, so it leaves the body as it
 * was. Subclasses write one record each; this class counts, cuts off and finishes. Not thread-safe.
 */
public abstract class JsonBatchWriter extends CountingBatchWriter<RecordsBody> {
  // Closing a generator must only flush: a broken record is cut off, never completed.
  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .rootValueSeparator((SerializableString) null)
      .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
      .build();

  private final RecordsBody.Builder body = new RecordsBody.Builder();
  private final String closing;
  private @Nullable JsonGenerator generator;

  /**
   * @param opening written before the first record (ASCII)
   * @param closing written after the last, by {@link #finish} (ASCII)
   */
  protected JsonBatchWriter(String opening, String closing) {
    this.closing = closing;
    writeAscii(opening);
  }

  /**
   * Writes one record as raw text and JSON values into {@code out}.
   *
   * @param index how many records the body already holds
   * @throws dev.kafkarest.core.format.UndecodableDataException when the codec cannot decode the record
   */
  protected abstract void write(ConsumerRecord<byte[], byte[]> record, int index, JsonGenerator out)
      throws IOException;

  @Override
  public final void add(ConsumerRecord<byte[], byte[]> record) {
    JsonGenerator out = generator();
    int mark = body.size() + out.getOutputBuffered();
    try {
      write(record, count(), out);
    } catch (IOException e) {
      discard(out, mark);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      discard(out, mark);
      throw e;
    }
    counted(record);
  }

  @Override
  public final RecordsBody finish() {
    if (generator != null) {
      try {
        generator.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      generator = null;
    }
    writeAscii(closing);
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
   * Drops a partly written record: closing the broken generator flushes what it holds to the body and gives
   * its buffers back, then the body is cut back to where the record began.
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

  private void writeAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      body.write(text.charAt(i));
    }
  }
}
