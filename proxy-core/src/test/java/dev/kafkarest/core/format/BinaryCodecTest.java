package dev.kafkarest.core.format;

import static dev.kafkarest.core.format.CodecTesting.read;
import static dev.kafkarest.core.format.CodecTesting.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryCodecTest {
  private final RecordCodec codec = RecordCodec.of(EmbeddedFormat.BINARY);

  @Test
  void read_paddedBase64_decodesBytes() throws Exception {
    assertArrayEquals(bytes("hello"), read(codec, "\"aGVsbG8=\""));
  }

  @ParameterizedTest
  @CsvSource({"YQ, a", "YWI, ab", "YWJj, abc", "aGVsbG8, hello"})
  void read_base64WithoutPadding_isAccepted(String base64, String expected) throws Exception {
    assertArrayEquals(bytes(expected), read(codec, "\"" + base64 + "\""));
  }

  /** Confluent's decoder ignores any run of trailing padding. */
  @ParameterizedTest
  @CsvSource({"YQ=, a", "YQ===, a", "YWI==, ab", "YWJj====, abc"})
  void read_base64WithTooLittleOrTooMuchPadding_isAccepted(String base64, String expected) throws Exception {
    assertArrayEquals(bytes(expected), read(codec, "\"" + base64 + "\""));
  }

  @Test
  void read_base64WithJsonEscapes_decodesTheUnescapedText() throws Exception {
    assertArrayEquals(bytes("a/"), read(codec, "\"\\u0059\\u0053\\/=\""));
  }

  @Test
  void read_emptyString_decodesToEmptyBytes() throws Exception {
    assertArrayEquals(new byte[0], read(codec, "\"\""));
  }

  @Test
  void read_jsonNull_returnsNull() throws Exception {
    assertNull(read(codec, "null"));
  }

  @Test
  void read_allByteValues_decodeExactly() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }

    assertArrayEquals(all, read(codec, "\"" + Base64.getEncoder().encodeToString(all) + "\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "true", "{\"a\":\"YQ==\"}", "[\"YQ==\"]", "1.5"})
  void read_valueNotAString_throws400NotABase64String(String json) {
    ProxyException e = assertThrows(ProxyException.class, () -> read(codec, json));

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertEquals("Bad Request: records[0].value is not a base64 string.", e.getMessage());
  }

  /** Strings as they appear in the JSON body, escapes included: whitespace anywhere is refused, as by Confluent. */
  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "YW*j", "Y", "YWJj-_", "YQ===x", "-_8=", "YWJjZ", "Y===",
      " YQ==", "YQ== ", "YQ ==", "YQ==\\n", "\\tYWJj", "YWJj\\r\\nYWJj", "YWJj YWJj", "YWJj\\u0000",
      "YQ==YQ==", "YQ==YWJj", "YQ=A", "YW=j", "\u00e9", "YWJj\\u00e9"})
  void read_invalidBase64_throws400NotAValidBase64String(String text) {
    ProxyException e = assertThrows(ProxyException.class, () -> read(codec, "\"" + text + "\""));

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertEquals("Bad Request: records[0].value is not a valid base64 string.", e.getMessage());
  }

  @Test
  void write_bytes_writesPaddedStandardBase64() {
    assertEquals("\"YWI=\"", write(codec, bytes("ab")));
  }

  @Test
  void write_bytesNeedingPlusAndSlash_usesStandardAlphabet() {
    assertEquals("\"+/8=\"", write(codec, new byte[] {(byte) 0xfb, (byte) 0xff}));
  }

  @Test
  void write_longValue_hasNoLineBreaks() {
    String json = write(codec, new byte[300]);

    assertEquals(-1, json.indexOf('\n'));
    assertEquals(-1, json.indexOf("\\n"));
  }

  @Test
  void write_null_writesJsonNull() {
    assertEquals("null", write(codec, null));
  }

  @Test
  void writeThenRead_arbitraryBytes_roundTrip() throws Exception {
    byte[] data = {0, -1, 127, -128, 10, 13, 34, 92};

    assertArrayEquals(data, read(codec, write(codec, data)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
