package dev.kafkarest.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The one exception the core throws (or completes futures with) for an error a client should see. */
public final class ProxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;
  private final @Nullable Duration retryAfter;

  public ProxyException(ErrorCode errorCode) {
    this(errorCode, errorCode.defaultMessage(), null);
  }

  public ProxyException(ErrorCode errorCode, String message) {
    this(errorCode, message, null);
  }

  public ProxyException(ErrorCode errorCode, String message, @Nullable Throwable cause) {
    this(errorCode, message, cause, null);
  }

  private ProxyException(ErrorCode errorCode, String message, @Nullable Throwable cause,
      @Nullable Duration retryAfter) {
    super(message, cause, false, false);
    this.errorCode = errorCode;
    this.retryAfter = retryAfter;
  }

  /**
   * {@return an error the client may retry after {@code retryAfter} (HTTP's {@code Retry-After}), such as a
   *     full consumer registry}
   */
  public static ProxyException retryLater(ErrorCode errorCode, String message, Duration retryAfter) {
    return new ProxyException(errorCode, message, null, retryAfter);
  }

  /** {@return 404/40401 for a topic the cluster does not have} */
  public static ProxyException topicNotFound(String topic) {
    return new ProxyException(ErrorCode.TOPIC_NOT_FOUND, "Topic " + topic + " not found.");
  }

  /**
   * {@return 404/40402 for a partition the topic does not have; the message starts with Confluent's
   *     "Partition not found." and then names the partition}
   */
  public static ProxyException partitionNotFound(String topic, int partition) {
    return new ProxyException(ErrorCode.PARTITION_NOT_FOUND,
        "Partition not found. Topic " + topic + " has no partition " + partition + ".");
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** {@return how long the client should wait before it tries again, when the error says} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
