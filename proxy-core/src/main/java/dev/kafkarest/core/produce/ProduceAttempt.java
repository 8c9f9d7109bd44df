package dev.kafkarest.core.produce;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.produce.ProduceOutcome.Failed;
import dev.kafkarest.core.produce.ProduceOutcome.Unconfirmed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One produce request against its time limit: which of its records were handed to the producer, what Kafka
 * said about each, and the request's answer, given either when every record is answered or when time is up,
 * whichever comes first.
 *
 * <p>When time is up the answer says exactly what is known: a record Kafka answered keeps its outcome; a
 * record handed to the producer (or being handed) and not answered is {@link Unconfirmed}, since the producer
 * may still write it; a record not handed yet is never sent and {@link Failed}. With no answer from Kafka
 * for any record, the whole request fails with 503/50302, and the message says whether records may still be
 * written; so does a request whose every record Kafka refused because no broker answered.
 */
final class ProduceAttempt {
  private final AtomicReferenceArray<ProduceOutcome> outcomes;
  private final CompletableFuture<List<ProduceOutcome>> answer = new CompletableFuture<>();
  private int handed;
  private boolean timeUp;

  ProduceAttempt(int records) {
    this.outcomes = new AtomicReferenceArray<>(records);
  }

  /** {@return the request's answer: the records' outcomes in request order, or a {@link ProxyException}} */
  CompletableFuture<List<ProduceOutcome>> answer() {
    return answer;
  }

  /**
   * Claims the next record for {@code send()}; {@return false once time is up, when it must not be sent}. A
   * claimed record counts as handed to the producer even while {@code send()} is still running.
   */
  synchronized boolean claimNext() {
    if (timeUp) {
      return false;
    }
    handed++;
    return true;
  }

  /** Records what became of the record at {@code index}. */
  void outcome(int index, ProduceOutcome outcome) {
    outcomes.set(index, outcome);
  }

  /**
   * Answers with every record's outcome, unless time was up first. When Kafka took none of the records
   * because no broker answered (each failed with 50302 before the bound), the whole request fails with
   * 503/50302, as it does when the bound passes first: the answer does not depend on which came first.
   */
  void complete(List<ProduceOutcome> all) {
    if (!all.isEmpty() && all.stream().allMatch(ProduceAttempt::unavailable)) {
      answer.completeExceptionally(new ProxyException(ErrorCode.BROKER_NOT_AVAILABLE,
          "Kafka is not available: no record was written (" + ((Failed) all.get(0)).message() + ")"));
      return;
    }
    answer.complete(all);
  }

  private static boolean unavailable(ProduceOutcome outcome) {
    return outcome instanceof Failed failed && failed.errorCode() == ErrorCode.BROKER_NOT_AVAILABLE;
  }

  /** Fails the request (nothing was sent), unless time was up first. */
  void fail(Throwable failure) {
    answer.completeExceptionally(failure);
  }

  /** Time is up after {@code boundMs}: sends no further record and answers with what is known now. */
  void timeUp(long boundMs) {
    int sent;
    synchronized (this) {
      timeUp = true;
      sent = handed;
    }
    if (answer.isDone()) {
      return;
    }
    int count = outcomes.length();
    List<ProduceOutcome> known = new ArrayList<>(count);
    boolean kafkaAnswered = false;
    for (int i = 0; i < count; i++) {
      ProduceOutcome outcome = outcomes.get(i);
      if (outcome != null) {
        kafkaAnswered = true;
        known.add(outcome);
      } else if (i < sent) {
        known.add(new Unconfirmed(ErrorCode.BROKER_NOT_AVAILABLE, "Kafka did not acknowledge the record within "
            + boundMs + " ms; it may still be written (the producer keeps trying up to its delivery.timeout.ms)."));
      } else {
        known.add(new Failed(ErrorCode.BROKER_NOT_AVAILABLE,
            "Not sent: Kafka did not answer within " + boundMs + " ms; the record was not written."));
      }
    }
    if (kafkaAnswered) {
      answer.complete(known);
    } else if (sent == 0) {
      answer.completeExceptionally(new ProxyException(ErrorCode.BROKER_NOT_AVAILABLE,
          "Kafka did not answer within " + boundMs + " ms; no record was sent, nothing was written."));
    } else {
      answer.completeExceptionally(new ProxyException(ErrorCode.BROKER_NOT_AVAILABLE,
          "Kafka did not acknowledge any record within " + boundMs + " ms: " + sent + " of " + count
              + " records were handed to the producer and may still be written (it keeps trying up to its"
              + " delivery.timeout.ms)" + (sent < count ? "; the other " + (count - sent) + " were not sent." : ".")));
    }
  }
}
