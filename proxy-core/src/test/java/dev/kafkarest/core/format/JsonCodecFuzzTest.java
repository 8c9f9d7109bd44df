package dev.kafkarest.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kafkarest.core.error.ProxyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the json and binary codecs both ways: any Kafka bytes are written as one JSON value or refused
 * with {@link UndecodableDataException}; any request value is stored, or refused with a 4xx, and what is
 * stored writes back and reads again to the same bytes.
 */
class JsonCodecFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void write_anyKafkaBytes_oneJsonValueOrUndecodable(byte[] data) throws IOException {
    String written;
    try {
      written = CodecTesting.write(JsonCodec.INSTANCE, data);
    } catch (UndecodableDataException refused) {
      return;
    }
    byte[] stored = CodecTesting.read(JsonCodec.INSTANCE, written);
    assertEquals(written, CodecTesting.write(JsonCodec.INSTANCE, stored), "a written value is stable");
  }

  @FuzzTest(maxDuration = "5m")
  void readJson_anyRequestValue_storesBytesThatRoundTrip(byte[] value) throws IOException {
    String json = new String(value, StandardCharsets.UTF_8);
    byte[] stored = read(JsonCodec.INSTANCE, json);
    if (stored == null) {
      return;
    }
    String written = CodecTesting.write(JsonCodec.INSTANCE, stored);
    assertArrayEquals(stored, CodecTesting.read(JsonCodec.INSTANCE, written), () -> "round trip of " + json);
  }

  @FuzzTest(maxDuration = "5m")
  void readBinary_anyRequestValue_storesBytesThatRoundTrip(byte[] value) throws IOException {
    String json = new String(value, StandardCharsets.UTF_8);
    RecordCodec binary = BinaryCodec.INSTANCE;
    byte[] stored = read(binary, json);
    if (stored == null) {
      return;
    }
    String written = CodecTesting.write(binary, stored);
    assertArrayEquals(stored, CodecTesting.read(binary, written), () -> "round trip of " + json);
  }

  /** {@return the stored bytes, or null when the value is refused as a client mistake or JSON null} */
  private static byte[] read(RecordCodec codec, String json) throws IOException {
    try {
      return CodecTesting.read(codec, json);
    } catch (ProxyException e) {
      int status = e.errorCode().httpStatus();
      assertTrue(status >= 400 && status < 500, () -> "a client mistake must be a 4xx: " + e);
      return null;
    } catch (JsonProcessingException malformed) {
      // The document around the value is not JSON: the produce parser answers 400 for it.
      return null;
    } catch (AssertionError e) {
      if (!isOneValue(json)) {
        // The fuzzed text holds more than one value, so the document's next field is not "after".
        return null;
      }
      throw e;
    }
  }

  private static boolean isOneValue(String json) {
    try (JsonParser parser = JsonFactory.builder().build().createParser(json)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
