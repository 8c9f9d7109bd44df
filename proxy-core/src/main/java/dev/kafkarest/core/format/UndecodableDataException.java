package dev.kafkarest.core.format;

/** Thrown when Kafka bytes are not valid in the embedded format a consumer reads them with. */
public final class UndecodableDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UndecodableDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
