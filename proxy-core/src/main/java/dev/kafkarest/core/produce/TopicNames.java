package dev.kafkarest.core.produce;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import org.jspecify.annotations.Nullable;

/**
 * Kafka's rules for topic names: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, and neither {@code .}
 * nor {@code ..}. A name breaking them can name no topic, so it is refused before any Kafka call.
 */
public final class TopicNames {
  /** The longest topic name Kafka allows. */
  public static final int MAX_LENGTH = 249;

  private TopicNames() {}

  /**
   * Fails unless {@code topic} is a legal Kafka topic name.
   *
   * @throws ProxyException 400/40002, the answer Confluent gives (from Kafka's
   *     {@code InvalidTopicException}), with a message that says which rule the name breaks
   */
  public static void requireValid(String topic) {
    String problem = problem(topic);
    if (problem != null) {
      throw new ProxyException(ErrorCode.KAFKA_BAD_REQUEST, "Invalid topic name: " + problem);
    }
  }

  /** {@return whether {@code topic} is a legal Kafka topic name} */
  public static boolean isValid(String topic) {
    return problem(topic) == null;
  }

  /** {@return whether {@code prefix} can begin a legal topic name: 1 to 249 legal characters} */
  public static boolean isValidPrefix(String prefix) {
    return !prefix.isEmpty() && prefix.length() <= MAX_LENGTH && prefix.chars().allMatch(c -> isLegal((char) c));
  }

  private static @Nullable String problem(String topic) {
    if (topic.isEmpty()) {
      return "the name is empty.";
    }
    if (topic.equals(".") || topic.equals("..")) {
      return "'" + topic + "' is not allowed.";
    }
    if (topic.length() > MAX_LENGTH) {
      return "the name is " + topic.length() + " characters long; at most " + MAX_LENGTH + " are allowed.";
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (!isLegal(c)) {
        return "character " + describe(c) + " at index " + i
            + " is not allowed; use ASCII letters, digits, '.', '_' and '-'.";
      }
    }
    return null;
  }

  private static boolean isLegal(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-';
  }

  private static String describe(char c) {
    return c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
