package dev.kafkarest.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  @Test
  void decodeBase64_everyLengthAndPadding_matchesTheJdkDecoder() {
    for (int length = 0; length < 40; length++) {
      byte[] original = new byte[length];
      for (int i = 0; i < length; i++) {
        original[i] = (byte) (i * 37 + length);
      }
      byte[] encoded = Base64.getEncoder().encode(original);
      byte[] decoded = new byte[length + 3];

      int written = Payloads.decodeBase64(encoded, 0, encoded.length, decoded);

      assertArrayEquals(original, Arrays.copyOf(decoded, written), "length " + length);
    }
  }

  @Test
  void decodeBase64_notADigit_fails() {
    byte[] text = "QUJD*EVG".getBytes(StandardCharsets.US_ASCII);
    byte[] nonAscii = {'Q', 'U', (byte) 0xC3, 'D'};

    assertThrows(IllegalArgumentException.class, () -> Payloads.decodeBase64(text, 0, text.length, new byte[8]));
    assertThrows(IllegalArgumentException.class, () -> Payloads.decodeBase64(nonAscii, 0, 4, new byte[8]));
  }

  @Test
  void scanBinaryRecords_proxyAnswer_yieldsEachValueInOrderAndNullsAsMinusOne() {
    String body = "[{\"topic\":\"t\",\"key\":null,\"value\":\"" + b64("first") + "\",\"partition\":0,\"offset\":0},"
        + "{\"topic\":\"t\",\"key\":\"" + b64("k") + "\",\"value\":null,\"partition\":0,\"offset\":1},"
        + "{\"topic\":\"t\",\"key\":null,\"value\": \"" + b64("third!") + "\",\"partition\":1,\"offset\":0}]";
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    List<String> values = new ArrayList<>();

    int records = Payloads.scanBinaryRecords(bytes, bytes.length,
        (value, length) -> values.add(length < 0 ? null : new String(value, 0, length, StandardCharsets.US_ASCII)));

    assertEquals(3, records);
    assertEquals(Arrays.asList("first", null, "third!"), values);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
