package dev.kafkarest.core.access;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Narrows a client's subscription pattern so that it leaves out names a guard keeps from clients. */
final class SubscriptionPatterns {
  private SubscriptionPatterns() {}

  /**
   * {@return {@code pattern} matching only names that {@code lookAhead} (a zero-width assertion) lets through}; a
   *     pattern that compiles alone either stays one group here or fails to compile, so it cannot escape the
   *     assertion
   *
   * @throws ProxyException 422/422 for the rare pattern that cannot be narrowed (one that ends inside a {@code \Q}
   *     quote or a {@code (?x)} comment)
   */
  static Pattern narrowed(String lookAhead, Pattern pattern) {
    try {
      return Pattern.compile(lookAhead + "(?:" + pattern.pattern() + ")", pattern.flags());
    } catch (PatternSyntaxException e) {
      throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY,
          "topic_pattern cannot be used: close its \\Q quote or comment so that it can be combined with others.");
    }
  }
}
