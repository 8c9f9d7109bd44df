package dev.kafkarest.core.format;

import static dev.kafkarest.core.format.CodecTesting.read;
import static dev.kafkarest.core.format.CodecTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {
  private final RecordCodec codec = RecordCodec.of(EmbeddedFormat.JSON);

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
      "[1,2,3]",
      "\"abc\"",
      "42",
      "true",
      "1.10",
      "-0.5",
      "12345678901234567890123",
      "3.141592653589793238462643383279"
  })
  void read_jsonValue_storesCompactTextExactly(String json) throws Exception {
    assertEquals(json, text(read(codec, json)));
  }

  @Test
  void read_spacedJson_storesCompactJson() throws Exception {
    assertEquals("{\"a\":[1,2],\"b\":\"x y\"}", text(read(codec, "{ \"a\" : [ 1 , 2 ] ,\n \"b\" : \"x y\" }")));
  }

  @Test
  void read_jsonString_storesItWithQuotes() throws Exception {
    assertEquals("\"abc\"", text(read(codec, "\"abc\"")));
  }

  @Test
  void read_escapedString_storesSameStringAsUtf8() throws Exception {
    assertEquals("\"\u00e9\\n\\\"q\\\"\"", text(read(codec, "\"\\u00e9\\n\\\"q\\\"\"")));
  }

  @Test
  void read_jsonNull_returnsNull() throws Exception {
    assertNull(read(codec, "null"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"price\":1.10,\"qty\":3}",
      "[1.10,1E+400,-0.000001,12345678901234567890123]",
      "\"abc\"",
      "{\"nested\":{\"list\":[{},[]]}}",
      "false"
  })
  void writeThenRead_jsonValue_roundTripsExactly(String json) throws Exception {
    byte[] stored = json.getBytes(StandardCharsets.UTF_8);

    String written = write(codec, stored);

    assertEquals(json, written);
    assertEquals(json, text(read(codec, written)));
  }

  @Test
  void write_spacedJson_writesItCompactly() {
    assertEquals("{\"a\":1}", write(codec, " {\n \"a\" : 1 } \n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void write_null_writesJsonNull() {
    assertEquals("null", write(codec, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"a\":", "{\"a\":1", "[1,]", "'single'", "\u00ff\u00fe"})
  void write_notJson_throwsUndecodable(String data) {
    assertThrows(UndecodableDataException.class,
        () -> write(codec, data.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1} x", "{\"a\":1}{\"b\":2}", "1 2", "\"a\" \"b\"", "[] garbage"})
  void write_trailingContent_throwsUndecodable(String data) {
    assertThrows(UndecodableDataException.class, () -> write(codec, data.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n"})
  void write_emptyData_throwsUndecodable(String data) {
    assertThrows(UndecodableDataException.class, () -> write(codec, data.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(byte @Nullable [] bytes) {
    if (bytes == null) {
      throw new AssertionError("expected bytes, got null");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
