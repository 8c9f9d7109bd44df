package dev.kafkarest.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fuzzes {@link Base64Text} against the JDK's decoder: the same bytes for valid text once the padding is
 * restored, null where the JDK refuses, and a round trip for any bytes, padded or not.
 */
class Base64TextFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void decode_anyText_agreesWithJdkDecoder(byte[] utf8) {
    String text = new String(utf8, StandardCharsets.UTF_8);
    byte[] actual = Base64Text.decode(text.toCharArray(), 0, text.length());
    byte[] expected = jdkDecode(text);
    if (expected == null) {
      assertNull(actual, () -> "accepted what the JDK refuses: " + text);
    } else {
      assertArrayEquals(expected, actual, () -> "decoded differently: " + text);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void decode_encodedBytes_roundTrips(byte[] bytes) {
    String padded = Base64.getEncoder().encodeToString(bytes);
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
    assertArrayEquals(bytes, Base64Text.decode(padded.toCharArray(), 0, padded.length()));
    assertArrayEquals(bytes, Base64Text.decode(unpadded.toCharArray(), 0, unpadded.length()));
    // An offset into a larger buffer reads only its slice.
    char[] framed = ("\"" + padded + "\"").toCharArray();
    assertArrayEquals(bytes, Base64Text.decode(framed, 1, padded.length()));
  }

  /** Strips any run of '=' and adds back exactly the padding the JDK insists on. */
  private static byte[] jdkDecode(String text) {
    String stripped = text.replaceAll("=+$", "");
    if (stripped.length() % 4 == 1) {
      return null;
    }
    String padded = stripped + "==".substring(0, (4 - stripped.length() % 4) % 4);
    try {
      return Base64.getDecoder().decode(padded);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
