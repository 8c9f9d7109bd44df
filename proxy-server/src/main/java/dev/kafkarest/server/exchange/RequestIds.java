package dev.kafkarest.server.exchange;

import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Request ids: the client's {@code X-Request-Id} when it is short and made of safe characters (so it can go
 * into a log line and a response header unchanged), else a new random one.
 */
final class RequestIds {
  /** The header that carries a request's id, both ways. */
  static final String HEADER = "X-Request-Id";
  /** The longest id accepted from a client. */
  static final int MAX_LENGTH = 128;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  /** {@return the client's id when acceptable, else a new one} */
  static String acceptOrGenerate(@Nullable String given) {
    return given != null && acceptable(given) ? given : generate();
  }

  /** {@return whether an id has 1 to 128 characters, each a letter, digit or one of {@code - _ . : / + = @}} */
  static boolean acceptable(String id) {
    if (id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '+' || c == '=' || c == '@';
      if (!safe) {
        return false;
      }
    }
    return true;
  }

  /** {@return 32 random hex digits: unique enough to find a request, no secret, no lock on a shared random} */
  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[32];
    long high = random.nextLong();
    long low = random.nextLong();
    for (int i = 0; i < 16; i++) {
      id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
      id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
    }
    return new String(id);
  }
}
