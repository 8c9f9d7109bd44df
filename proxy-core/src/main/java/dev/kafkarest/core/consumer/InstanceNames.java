package dev.kafkarest.core.consumer;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;

/**
 * Which instance and group names a client may choose: only instance names that can be addressed as one URL path
 * segment afterwards ({@code /consumers/{group}/instances/{name}}). Without this check {@code ".."} or {@code
 * "a/b"} would create an instance no request can reach, which holds a Kafka consumer until it expires. Group names
 * only must hold no control character ({@link #checkGroup}).
 */
public final class InstanceNames {
  /** The longest name accepted, in chars. */
  public static final int MAX_LENGTH = 255;

  private InstanceNames() {}

  /**
   * {@return {@code name}, when a client can address it}
   *
   * @throws ProxyException 422/42204 when it is empty, {@code .} or {@code ..}, longer than {@link
   *     #MAX_LENGTH}, or contains {@code /}, {@code \}, {@code ;} or a control character
   */
  public static String check(String name) {
    if (name.isEmpty()) {
      throw invalid("must not be empty");
    }
    if (name.equals(".") || name.equals("..")) {
      throw invalid("must not be '.' or '..'");
    }
    if (name.length() > MAX_LENGTH) {
      throw invalid("must be at most " + MAX_LENGTH + " characters long (was " + name.length() + ")");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\' || c == ';') {
        throw invalid("must not contain '" + c + "'");
      }
      if (Character.isISOControl(c)) {
        throw invalid("must not contain control characters");
      }
    }
    return name;
  }

  /**
   * {@return {@code group}, when it has no control character}: Kafka takes any group id, but a decoded {@code %0D%0A}
   *     would start a line of its own in every log line naming the group, the proxy's and Kafka's
   *
   * @throws ProxyException 422/42204 otherwise
   */
  public static String checkGroup(String group) {
    if (group.chars().anyMatch(c -> Character.isISOControl((char) c))) {
      throw new ProxyException(ErrorCode.INVALID_CONSUMER_CONFIG,
          "Invalid consumer configuration: the group name must not contain control characters.");
    }
    return group;
  }

  private static ProxyException invalid(String problem) {
    return new ProxyException(ErrorCode.INVALID_CONSUMER_CONFIG,
        "Invalid consumer configuration: the instance name " + problem + ", so that it can be used in a URL.");
  }
}
