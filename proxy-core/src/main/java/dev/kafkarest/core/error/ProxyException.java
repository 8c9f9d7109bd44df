package dev.kafkarest.core.error;

import org.jspecify.annotations.Nullable;

/** The one exception the core throws (or completes futures with) for an error a client should see. */
public final class ProxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;

  public ProxyException(ErrorCode errorCode) {
    this(errorCode, errorCode.defaultMessage(), null);
  }

  public ProxyException(ErrorCode errorCode, String message) {
    this(errorCode, message, null);
  }

  public ProxyException(ErrorCode errorCode, String message, @Nullable Throwable cause) {
    super(message, cause, false, false);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }
}
