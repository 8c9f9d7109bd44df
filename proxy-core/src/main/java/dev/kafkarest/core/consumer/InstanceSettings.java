package dev.kafkarest.core.consumer;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a client asked for when it created an instance, validated the same way for every API version;
 * null fields take the proxy's defaults. Settings Kafka itself checks ({@code auto.offset.reset}) are
 * refused when the consumer is built, with 422/42204.
 *
 * @param autoOffsetReset {@code earliest}, {@code latest} or {@code none} (legacy names already mapped)
 * @param fetchMinBytes bytes a read collects before it may return early; -1 returns at the first record
 * @param requestTimeoutMs the longest a read waits for records
 * @throws ProxyException 422/42206 for a format that needs a schema registry; 422/40001 for {@code
 *     fetchMinBytes} outside -1 to {@link #FETCH_MIN_BYTES_MAX}; 422/42204 for a negative {@code
 *     requestTimeoutMs}
 */
public record InstanceSettings(
    EmbeddedFormat format,
    @Nullable String autoOffsetReset,
    @Nullable Boolean autoCommit,
    @Nullable Integer fetchMinBytes,
    @Nullable Integer requestTimeoutMs) {

  /** The largest {@code fetch.min.bytes}, for the proxy's default and for one instance alike. */
  public static final int FETCH_MIN_BYTES_MAX = 10_000_000;

  public InstanceSettings {
    requireValid(format, fetchMinBytes, requestTimeoutMs);
  }

  /**
   * Parses a creation request's fields as clients send them: the format by name (binary when absent),
   * {@code smallest}/{@code largest} as {@code earliest}/{@code latest}, and {@code auto.commit.enable} as
   * the text {@code true} or {@code false} in any case.
   *
   * @throws ProxyException 422/422 "Invalid format type." for an unknown format; 422/42204 for an {@code
   *     autoCommitEnable} that is neither true nor false; and what the constructor throws. When several
   *     fields are wrong, the first in that order (format, fetch.min.bytes, timeout, auto-commit) is named.
   */
  public static InstanceSettings fromRequest(@Nullable String format, @Nullable String autoOffsetReset,
      @Nullable String autoCommitEnable, @Nullable Integer fetchMinBytes, @Nullable Integer requestTimeoutMs) {
    EmbeddedFormat parsed = format == null ? EmbeddedFormat.BINARY : EmbeddedFormat.fromName(format);
    // Checked before auto.commit.enable is parsed, so that the first wrong field is the one named.
    requireValid(parsed, fetchMinBytes, requestTimeoutMs);
    return new InstanceSettings(parsed, offsetReset(autoOffsetReset), autoCommit(autoCommitEnable), fetchMinBytes,
        requestTimeoutMs);
  }

  private static void requireValid(EmbeddedFormat format, @Nullable Integer fetchMinBytes,
      @Nullable Integer requestTimeoutMs) {
    format.requireSupported();
    if (fetchMinBytes != null && (fetchMinBytes < -1 || fetchMinBytes > FETCH_MIN_BYTES_MAX)) {
      throw new ProxyException(ErrorCode.INVALID_CONSUMER_CONFIG_CONSTRAINT,
          "Invalid consumer configuration. It does not abide by the constraints: Invalid value " + fetchMinBytes
              + " for configuration fetch.min.bytes: Value must be between -1 and " + FETCH_MIN_BYTES_MAX);
    }
    if (requestTimeoutMs != null && requestTimeoutMs < 0) {
      throw invalidConfig("Invalid value " + requestTimeoutMs + " for configuration consumer.request.timeout.ms: "
          + "Value must be at least 0");
    }
  }

  private static @Nullable String offsetReset(@Nullable String value) {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "smallest" -> "earliest";
      case "largest" -> "latest";
      default -> value;
    };
  }

  private static @Nullable Boolean autoCommit(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw invalidConfig("Invalid value " + value + " for configuration auto.commit.enable: "
          + "Expected value to be either true or false");
    }
    return Boolean.parseBoolean(lower);
  }

  private static ProxyException invalidConfig(String detail) {
    return new ProxyException(ErrorCode.INVALID_CONSUMER_CONFIG, "Invalid consumer configuration: " + detail);
  }
}
