package dev.kafkarest.core.access;

import org.jspecify.annotations.Nullable;

/**
 * A rules file that cannot be read or has a line that is not a rule. The message names the file and, for a
 * bad line, its number and what is wrong with it; it never repeats the whole line.
 */
public final class AccessRulesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;

  AccessRulesException(String source, int line, String problem, @Nullable Throwable cause) {
    super("Access rules file " + source + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
    this.line = line;
  }

  /** {@return the 1-based number of the bad line, or 0 when the file could not be read} */
  public int line() {
    return line;
  }
}
