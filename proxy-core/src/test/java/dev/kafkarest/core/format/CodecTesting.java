package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Runs a codec the way the produce parser and the records writer do. */
final class CodecTesting {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private CodecTesting() {}

  /**
   * Reads the value of {@code {"v": <json>, "after": true}} with a new reader of the codec, through a byte
   * stream as the produce path does, and checks the parser stops on the value's last token.
   */
  static byte @Nullable [] read(RecordCodec codec, String json) throws IOException {
    try (RecordReader reader = codec.reader()) {
      return read(reader, json);
    }
  }

  /** As {@link #read(RecordCodec, String)}, with a given reader, as for the next value of a request. */
  static byte @Nullable [] read(RecordReader reader, String json) throws IOException {
    String document = "{\"v\":" + json + ",\"after\":true}";
    try (JsonParser parser = FACTORY.createParser(
        new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)))) {
      parser.nextToken();
      parser.nextFieldName();
      parser.nextToken();
      byte[] bytes = reader.read(parser, "records[0].value");
      if (!"after".equals(parser.nextFieldName())) {
        throw new AssertionError("parser not left on the value's last token");
      }
      return bytes;
    }
  }

  /**
   * Returns the bytes the json codec stored before it copied by token, with
   * {@link JsonGenerator#copyCurrentStructureExact}: the reference its reader must match.
   */
  static byte[] copyExact(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json.getBytes(StandardCharsets.UTF_8));
        ByteArrayBuilder out = new ByteArrayBuilder(64)) {
      parser.nextToken();
      try (JsonGenerator generator = FACTORY.createGenerator(out)) {
        generator.copyCurrentStructureExact(parser);
      }
      return out.toByteArray();
    }
  }

  /** Writes bytes with the codec as a field value, and returns the JSON text of the value. */
  static String write(RecordCodec codec, byte @Nullable [] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartArray();
      codec.write(data, generator);
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String array = out.toString(StandardCharsets.UTF_8);
    return array.substring(1, array.length() - 1);
  }
}
