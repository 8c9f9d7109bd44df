package dev.kafkarest.core.produce;

import dev.kafkarest.core.error.ErrorCode;

/**
 * What became of one produced record: written at a partition and offset, failed with a code, or not known
 * yet when the request had to be answered.
 */
public sealed interface ProduceOutcome {

  /** The record was acknowledged by Kafka. */
  record Written(int partition, long offset) implements ProduceOutcome {}

  /** The record has no offset to report: {@link Failed} or {@link Unconfirmed}; answered with a code. */
  sealed interface Unacknowledged extends ProduceOutcome {
    /** {@return the {@code error_code} of the record's entry} */
    ErrorCode errorCode();

    /** {@return the {@code message} of the record's entry} */
    String message();
  }

  /** The record was not written; {@code message} is Kafka's. */
  record Failed(ErrorCode errorCode, String message) implements Unacknowledged {}

  /**
   * The record was handed to the producer, but Kafka had not answered when the request's time was up: it
   * may still be written (until the producer's {@code delivery.timeout.ms}), so it is not reported as failed.
   */
  record Unconfirmed(ErrorCode errorCode, String message) implements Unacknowledged {}
}
