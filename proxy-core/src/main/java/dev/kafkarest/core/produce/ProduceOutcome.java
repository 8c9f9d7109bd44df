package dev.kafkarest.core.produce;

import dev.kafkarest.core.error.ErrorCode;

/** What became of one produced record: written at a partition and offset, or failed with a code. */
public sealed interface ProduceOutcome {

  /** The record was acknowledged by Kafka. */
  record Written(int partition, long offset) implements ProduceOutcome {}

  /** The record was not written; {@code message} is Kafka's. */
  record Failed(ErrorCode errorCode, String message) implements ProduceOutcome {}
}
