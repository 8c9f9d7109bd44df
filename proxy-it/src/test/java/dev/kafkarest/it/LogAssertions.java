package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

/** Checks on what the proxy logged ({@link CapturedLog}): a client's mistake is never worth more than debug. */
final class LogAssertions {
  /** A line of the default text layout at WARN or ERROR ({@code ... [thread] LEVEL logger - message}). */
  private static final Pattern LOUD = Pattern.compile("\\] (WARN|ERROR) ");

  private LogAssertions() {}

  /** Asserts that {@code log} has no WARN or ERROR line and no stack trace line. */
  static void assertQuiet(String log) {
    List<String> loud = log.lines()
        .filter(line -> LOUD.matcher(line).find() || line.startsWith("\tat ") || line.startsWith("Caused by: "))
        .toList();
    assertTrue(loud.isEmpty(), () -> loud.size() + " lines above debug or of a stack trace, the first ones:\n"
        + String.join("\n", loud.subList(0, Math.min(loud.size(), 30))));
  }
}
