package dev.kafkarest.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Small helpers for record payloads. */
public final class Payloads {
  private Payloads() {}

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static @Nullable String utf8(byte @Nullable [] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@return the standard base64 encoding of a string's UTF-8 bytes} */
  public static String b64(String text) {
    return b64(utf8(text));
  }

  public static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
