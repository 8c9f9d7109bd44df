package dev.kafkarest.core.format;

import static dev.kafkarest.core.format.CodecTesting.read;
import static dev.kafkarest.core.format.CodecTesting.write;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  /**
   * Numbers are stored as Jackson's exact copy stored them: canonical text is kept as is, other
   * spellings come out as BigInteger or BigDecimal write them.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0|0", "-1|-1", "2147483648|2147483648", "-9223372036854775809|-9223372036854775809",
      "123456789012345678901234567890|123456789012345678901234567890",
      "1.10|1.10", "-0.5|-0.5", "0.000001|0.000001", "10.500|10.500",
      "-0|0", "-0.0|0.0", "0.0000001|1E-7", "0.0000000|0E-7", "1e400|1E+400", "1E400|1E+400",
      "1E+2|1E+2", "1e-2|0.01", "1.5e3|1.5E+3", "12e-1|1.2", "0e0|0", "-0e-0|0", "-1.0E-10|-1.0E-10"})
  void read_number_storesWhatExactCopyStored(String json, String stored) throws Exception {
    assertEquals(stored, text(read(codec, json)));
    assertEquals(stored, text(CodecTesting.copyExact(json)));
  }

  /**
   * Numbers whose scale would leave BigDecimal's int range are valid JSON (RFC 8259 sets no limit on
   * exponents): they are stored as spelled, where the exact copy threw a NumberFormatException.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1e-2147483648", "1e2147483648", "-1E-2147483649", "1.5e-2147483648", "0e2147483648",
      "-0E+2147483648", "1e99999999999", "1E-000000000002147483649", "[1,1e2147483648]",
      "{\"a\":-1.5E-9999999999}", "{\"a\":[1e2147483648,{\"b\":1e-2147483648}],\"c\":1.10}"})
  void read_numberBeyondBigDecimal_storesItAsSpelled(String json) throws Exception {
    assertThrows(NumberFormatException.class, () -> CodecTesting.copyExact(json));

    assertEquals(json, text(read(codec, json)));
  }

  /** Around such a number, other numbers are still stored as the exact copy stores them. */
  @Test
  void read_numberBeyondBigDecimalAmongOthers_othersStillNormalised() throws Exception {
    assertEquals("[1E+400,1e2147483648,0.01,-0.5]", text(read(codec, "[1e400, 1e2147483648, 1e-2, -0.5]")));
  }

  @Test
  void read_numberBeyondBigDecimalThenMoreValues_readerStaysUsable() throws Exception {
    try (RecordReader reader = codec.reader()) {
      assertEquals("{\"a\":1e-2147483648}", text(CodecTesting.read(reader, "{\"a\": 1e-2147483648}")));
      assertEquals("[1E+400]", text(CodecTesting.read(reader, "[1e400]")));
    }
  }

  @Test
  void read_numberLongerThanJacksonAllows_failsAsExactCopyFailed() {
    String json = "[1." + "5".repeat(1_000) + "]";
    String expected = outcome(() -> CodecTesting.copyExact(json));

    assertTrue(expected.startsWith("error"), expected);
    assertEquals(expected, outcome(() -> read(codec, json)));
  }

  @Test
  void read_nestedContainers_storesCompactStructure() throws Exception {
    String json = "{ \"a\" : { \"b\" : [ [ ] , { } , [ 1 , [ 2.50 , { \"c\" : null } ] ] ] } , \"d\" : [ true , false ] }";

    assertEquals("{\"a\":{\"b\":[[],{},[1,[2.50,{\"c\":null}]]]},\"d\":[true,false]}", text(read(codec, json)));
  }

  @Test
  void read_deeplyNestedValue_storesItExactly() throws Exception {
    String json = "[".repeat(500) + "1.0" + "]".repeat(500);

    assertEquals(json, text(read(codec, json)));
  }

  /**
   * Strings and names are decoded and written again as Jackson writes them: escapes of ASCII and BMP
   * characters are resolved to UTF-8, control characters stay escaped, and characters outside the BMP and
   * lone surrogates are written as upper-case surrogate escapes.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "\"\\u00e9\\/\\u0041\"|\"\u00e9/A\"",
      "\"\\u0001\\u001f\\b\\f\\n\\r\\t\"|\"\\u0001\\u001F\\b\\f\\n\\r\\t\"",
      "\"\\u007f\\u2028\\u20ac\"|\"\u007f\u2028\u20ac\"",
      "\"\\\"q\\\\\"|\"\\\"q\\\\\"",
      "\"\uD83D\uDE00\"|\"\\uD83D\\uDE00\"",
      "\"\\ud83d\\ude00\"|\"\\uD83D\\uDE00\"",
      "\"\\ud800x\"|\"\\uD800x\"",
      "{\"\\u0041\u00e9\":1,\"\uD83D\uDE00\":\"\"}|{\"A\u00e9\":1,\"\\uD83D\\uDE00\":\"\"}"})
  void read_escapesAndUnicode_storesWhatExactCopyStored(String json, String stored) throws Exception {
    assertEquals(stored, text(read(codec, json)));
    assertEquals(stored, text(CodecTesting.copyExact(json)));
  }

  /**
   * Pins equality with the former copy over many random documents read through one reader: the same
   * bytes, or the same error (lone surrogates in names, for one, are refused by the parser).
   */
  @Test
  void read_randomDocumentsWithOneReader_matchExactCopy() throws Exception {
    RandomJson random = new RandomJson(20260602L);
    int copied = 0;
    try (RecordReader reader = codec.reader()) {
      for (int i = 0; i < 5_000; i++) {
        String json = random.value(4);
        if (json.equals("null")) {
          continue;
        }
        String expected = outcome(() -> CodecTesting.copyExact(json));
        assertEquals(expected, outcome(() -> CodecTesting.read(reader, json)), json);
        copied += expected.startsWith("error") ? 0 : 1;
      }
    }
    assertTrue(copied > 4_000, "too few valid documents: " + copied);
  }

  private interface Copy {
    byte @Nullable [] run() throws IOException;
  }

  /** {@return the copied text, or the error's type and message without its location} */
  private static String outcome(Copy copy) {
    try {
      return text(copy.run());
    } catch (JsonProcessingException e) {
      return "error " + e.getClass().getName() + ": " + e.getOriginalMessage();
    } catch (IOException | RuntimeException e) {
      return "error " + e;
    }
  }

  @Test
  void read_severalValuesWithOneReader_returnsSeparateArrays() throws Exception {
    try (RecordReader reader = codec.reader()) {
      byte[] first = CodecTesting.read(reader, "{\"a\":[1,2]}");
      byte[] second = CodecTesting.read(reader, "\"x\"");
      byte[] nothing = CodecTesting.read(reader, "null");
      byte[] third = CodecTesting.read(reader, "3.5");

      assertEquals("{\"a\":[1,2]}", text(first));
      assertEquals("\"x\"", text(second));
      assertNull(nothing);
      assertEquals("3.5", text(third));
    }
  }

  @Test
  void read_largeValueThenSmallOne_keepsNothingOfTheLargeOne() throws Exception {
    String large = "[\"" + "x".repeat(400_000) + "\",1.25]";
    try (RecordReader reader = codec.reader()) {
      assertEquals(large, text(CodecTesting.read(reader, large)));
      assertEquals("[]", text(CodecTesting.read(reader, "[]")));
    }
  }

  @Test
  void read_afterValueFailedHalfway_nextValueIsCopiedCleanly() throws Exception {
    try (RecordReader reader = codec.reader()) {
      assertThrows(JsonParseException.class, () -> CodecTesting.read(reader, "{\"a\":[1,{\"b\":2.5,}]}"));

      assertEquals("{\"c\":[3]}", text(CodecTesting.read(reader, "{\"c\":[3]}")));
      assertEquals("4", text(CodecTesting.read(reader, "4")));
    }
  }

  @Test
  void close_twiceOrUnused_doesNothing() {
    RecordReader unused = codec.reader();

    assertDoesNotThrow(unused::close);
    assertDoesNotThrow(unused::close);
  }

  @Test
  void close_twiceAfterRead_leavesReturnedBytesIntact() throws Exception {
    RecordReader reader = codec.reader();
    byte[] value = CodecTesting.read(reader, "{\"a\":[1,2.5]}");

    assertDoesNotThrow(reader::close);
    assertDoesNotThrow(reader::close);

    assertEquals("{\"a\":[1,2.5]}", text(value));
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

  /** A record another producer wrote with such numbers is readable, its numbers as stored. */
  @ParameterizedTest
  @ValueSource(strings = {"1e-2147483648", "1e2147483648", "-1E-2147483649", "[1,1e2147483648]",
      "{\"a\":[1e2147483648,{\"b\":-1.5E-9999999999}],\"c\":1.10}"})
  void write_numberBeyondBigDecimal_writesItAsStored(String json) {
    assertEquals(json, write(codec, json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void write_numberBeyondBigDecimalSpaced_writesItCompactlyAsSpelled() {
    assertEquals("{\"a\":[1E+400,1e2147483648]}",
        write(codec, "{ \"a\" : [ 1e400 , 1e2147483648 ] }".getBytes(StandardCharsets.UTF_8)));
  }

  /** Numbers over Jackson's length limit stay undecodable (40801 for the consumer), not a 500. */
  @Test
  void write_numberLongerThanJacksonAllows_throwsUndecodableNamingTheLimitButNotJacksonsSetting() {
    byte[] data = ("[1." + "5".repeat(1_000) + "]").getBytes(StandardCharsets.UTF_8);

    UndecodableDataException e = assertThrows(UndecodableDataException.class, () -> write(codec, data));
    assertEquals("data is over a parser limit: Number value length (1001) exceeds the maximum allowed (1000)",
        e.getMessage());
  }

  /** Pins equality with the former write, an exact copy, over many random documents; invalid ones are undecodable. */
  @Test
  void write_randomDocuments_matchExactCopy() {
    RandomJson random = new RandomJson(20261130L);
    int copied = 0;
    for (int i = 0; i < 5_000; i++) {
      String json = random.value(4);
      byte[] data = json.getBytes(StandardCharsets.UTF_8);
      String expected = outcome(() -> CodecTesting.copyExact(json));
      if (expected.startsWith("error")) {
        assertThrows(UndecodableDataException.class, () -> write(codec, data), json);
      } else {
        assertEquals(expected, write(codec, data), json);
        copied++;
      }
    }
    assertTrue(copied > 4_000, "too few valid documents: " + copied);
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
