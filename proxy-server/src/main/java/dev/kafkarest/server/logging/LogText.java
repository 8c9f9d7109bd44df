package dev.kafkarest.server.logging;

/** Text a client sent, made fit for a log line. */
public final class LogText {
  private static final int MAX_CHARS = 200;

  private LogText() {}

  /**
   * {@return {@code text} safe for one log line: control characters (line breaks, terminal escapes) replaced by
   *     {@code ?}, and at most 200 characters}
   */
  public static String loggable(String text) {
    String clean = text.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    return clean.length() > MAX_CHARS ? clean.substring(0, MAX_CHARS) + "..." : clean;
  }
}
