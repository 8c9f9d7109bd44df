package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Pattern;

/**
 * Describes a Jackson parser limit that a request or a stored record went over (a number longer than
 * 1,000 characters, for example) in words a client can use: Jackson's message without the name of its
 * own setting.
 */
public final class ParserLimits {
  /** The {@code , from `StreamReadConstraints...`} part of Jackson's message. */
  private static final Pattern SETTING = Pattern.compile(", from `[^`]*`");

  private ParserLimits() {}

  /** {@return e.g. "Number value length (1001) exceeds the maximum allowed (1000)"} */
  public static String describe(StreamConstraintsException e) {
    return SETTING.matcher(e.getOriginalMessage()).replaceAll("");
  }
}
