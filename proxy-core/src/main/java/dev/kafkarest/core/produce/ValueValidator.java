package dev.kafkarest.core.produce;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks the values a produce request writes to a topic against rules configured per topic, such as a
 * JSON Schema. This is the produce path's seam for such rules: the core knows no schema language, the
 * implementation lives with the process that loads the rules.
 *
 * <p>Only values of the {@code json} embedded format are checked ({@code binary} values are opaque
 * bytes); see {@link ProduceRules}.
 */
@FunctionalInterface
public interface ValueValidator {
  /** Checks nothing. */
  ValueValidator NONE = topic -> null;

  /**
   * Returns the check for values written to {@code topic}, or null when they are not checked. Called
   * once per request, on the request thread; must be cheap and must not block.
   */
  @Nullable ValueCheck forTopic(String topic);

  /** Checks single values of one topic. Thread-safe. */
  @FunctionalInterface
  interface ValueCheck {
    /**
     * Returns what is wrong with one value, or an empty list when it is valid.
     *
     * @param json the value as compact UTF-8 JSON text, or null for a missing or {@code null} value, which
     *     is checked as JSON {@code null}
     */
    List<Violation> check(byte @Nullable [] json);
  }

  /**
   * One reason a value is invalid.
   *
   * @param pointer where in the value (a JSON Pointer, RFC 6901; {@code ""} for the whole value)
   * @param reason what is wrong there, in words a client can act on
   */
  record Violation(String pointer, String reason) {}
}
