package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code json} values of one request as compact UTF-8 JSON, copied by {@link JsonCopy}: one
 * generator and one output buffer serve every value of the request.
 *
 * <p>Values are written as consecutive root values with no separator, and each value's bytes are taken
 * out and the buffer emptied before the next. A value that fails part-way drops the generator, so no
 * half-written state reaches the next value.
 */
final class JsonRecordReader implements RecordReader {
  private static final JsonFactory FACTORY = new JsonFactoryBuilder()
      .rootValueSeparator((SerializableString) null)
      .build();

  private final ByteArrayBuilder out = new ByteArrayBuilder(256);
  private @Nullable JsonGenerator generator;

  @Override
  public byte @Nullable [] read(JsonParser parser, String field) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    JsonGenerator target = generator();
    boolean copied = false;
    try {
      JsonCopy.copyValue(parser, target);
      target.flush();
      copied = true;
      return out.toByteArray();
    } finally {
      out.reset();
      if (!copied) {
        drop(target);
      }
    }
  }

  @Override
  public void close() {
    JsonGenerator target = generator;
    if (target != null) {
      drop(target);
    }
  }

  private JsonGenerator generator() throws IOException {
    JsonGenerator target = generator;
    if (target == null) {
      target = FACTORY.createGenerator(out);
      generator = target;
    }
    return target;
  }

  /** Closes a generator, which gives its buffers back to Jackson's pool; what it writes is discarded. */
  private void drop(JsonGenerator target) {
    generator = null;
    try {
      target.close();
    } catch (IOException e) {
      // The target is an in-memory buffer that is reset anyway: nothing to report.
    } finally {
      out.reset();
    }
  }
}
