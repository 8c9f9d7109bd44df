package dev.kafkarest.core.produce;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.metrics.ProxyMetrics;
import dev.kafkarest.core.produce.ProduceOutcome.Failed;
import dev.kafkarest.core.produce.ProduceOutcome.Written;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Produces the records of one request through the shared producer.
 *
 * <p>The topic (and any explicit partition) is checked first; then every record is handed to
 * {@code send()} before any acknowledgement is awaited, so a request's records batch together. The
 * returned future completes with one outcome per record, in request order, on a producer I/O thread (or the
 * deadline's): callers must hop to their own executor before doing real work.
 *
 * <p>A request is answered within its bound even when Kafka does not answer (see {@link ProduceAttempt}):
 * the producer's own limits ({@code delivery.timeout.ms}) are longer, so that records outlive a short
 * outage, and the answer says which records may still be written. The bound costs one timer task per
 * request, never a blocking call.
 */
public final class ProduceService {
  private final Producer<byte[], byte[]> producer;
  private final TopicDirectory topics;
  private final Executor sendExecutor;
  private final ProxyMetrics metrics;
  private final Scheduler deadlines;
  private final long boundMs;

  /** A service that reports no metrics and waits for Kafka without a bound of its own. */
  public ProduceService(Producer<byte[], byte[]> producer, TopicDirectory topics, Executor sendExecutor) {
    this(producer, topics, sendExecutor, ProxyMetrics.none());
  }

  /** A service that waits for Kafka without a bound of its own. */
  public ProduceService(Producer<byte[], byte[]> producer, TopicDirectory topics, Executor sendExecutor,
      ProxyMetrics metrics) {
    this(producer, topics, sendExecutor, metrics, Scheduler.disabledScheduler(), Duration.ZERO);
  }

  /**
   * @param sendExecutor runs {@code send()} when the topic check completes later (on an Admin client
   *     thread); {@code send()} can block up to the producer's {@code max.block.ms}, so this executor's
   *     threads must be allowed to block. Bounded by the caller: when it refuses, the request fails with
   *     429.
   * @param metrics told once per request whose records were handed to the producer, when the last one is
   *     answered (after the request's answer if time was up first)
   * @param deadlines runs each request's deadline; its tasks only compute an answer
   * @param bound how long a request waits for Kafka, counted from {@link #produce}; zero or less: no bound
   */
  public ProduceService(Producer<byte[], byte[]> producer, TopicDirectory topics, Executor sendExecutor,
      ProxyMetrics metrics, Scheduler deadlines, Duration bound) {
    this.producer = producer;
    this.topics = topics;
    this.sendExecutor = sendExecutor;
    this.metrics = metrics;
    this.deadlines = deadlines;
    this.boundMs = bound.toMillis();
  }

  /**
   * Produces records to a topic, or to one partition of it when {@code pathPartition} is set; a record's
   * own {@code partition} wins over the path's, as in Confluent's proxy.
   *
   * <p>Completes exceptionally with a {@link ProxyException} when the topic (40401) or a partition (40402)
   * does not exist, (429) when the send executor refuses the send, or (503/50302) when Kafka does not answer
   * the topic check; in each case nothing was produced. When the bound passes before Kafka acknowledged any
   * record it also fails with 503/50302, whose message says whether records may still be written; when some
   * records were answered, the others are {@link ProduceOutcome.Unconfirmed} or (never sent) {@link
   * ProduceOutcome.Failed}.
   */
  public CompletableFuture<List<ProduceOutcome>> produce(
      String topic, @Nullable Integer pathPartition, List<ProduceRecord> records) {
    ProduceAttempt attempt = new ProduceAttempt(records.size());
    if (boundMs > 0 && !records.isEmpty()) {
      Future<?> deadline = deadlines.schedule(Runnable::run, () -> attempt.timeUp(boundMs), boundMs,
          TimeUnit.MILLISECONDS);
      attempt.answer().whenComplete((outcomes, failure) -> deadline.cancel(false));
    }
    int highest = highestPartition(pathPartition, records);
    CompletableFuture<Integer> checked =
        highest < 0 ? topics.partitionCount(topic) : topics.requirePartition(topic, highest);
    CompletableFuture<List<ProduceOutcome>> sent;
    if (checked.isDone() && !checked.isCompletedExceptionally()) {
      sent = send(attempt, topic, pathPartition, records);
    } else {
      sent = checked.thenComposeAsync(count -> send(attempt, topic, pathPartition, records), this::executeSend);
    }
    sent.whenComplete((outcomes, failure) -> {
      if (failure != null) {
        attempt.fail(failure);
      } else {
        attempt.complete(outcomes);
      }
    });
    return attempt.answer();
  }

  private void executeSend(Runnable send) {
    try {
      sendExecutor.execute(send);
    } catch (RejectedExecutionException e) {
      throw new ProxyException(ErrorCode.TOO_MANY_REQUESTS,
          "Too many produce requests are waiting to be sent (" + e.getMessage() + "); retry later.", e);
    }
  }

  private CompletableFuture<List<ProduceOutcome>> send(ProduceAttempt attempt,
      String topic, @Nullable Integer pathPartition, List<ProduceRecord> records) {
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    ProduceOutcome[] outcomes = new ProduceOutcome[records.size()];
    AtomicInteger remaining = new AtomicInteger(records.size());
    CompletableFuture<List<ProduceOutcome>> done = new CompletableFuture<>();
    long bytes = bytes(records);
    for (int i = 0; i < outcomes.length; i++) {
      int index = i;
      if (!attempt.claimNext()) {
        // Time is up: the request has been answered, and these records were reported as not sent.
        outcomes[index] = new Failed(ErrorCode.BROKER_NOT_AVAILABLE, "Not sent: time was up.");
        if (remaining.decrementAndGet() == 0) {
          complete(done, topic, outcomes, bytes);
        }
        continue;
      }
      ProduceRecord record = records.get(i);
      Integer partition = record.partition() != null ? record.partition() : pathPartition;
      try {
        producer.send(new ProducerRecord<>(topic, partition, record.key(), record.value()), (metadata, error) -> {
          answered(attempt, outcomes, index, error == null
              ? new Written(metadata.partition(), metadata.offset())
              : failed(error));
          if (remaining.decrementAndGet() == 0) {
            complete(done, topic, outcomes, bytes);
          }
        });
      } catch (RuntimeException e) {
        answered(attempt, outcomes, index, failed(e));
        if (remaining.decrementAndGet() == 0) {
          complete(done, topic, outcomes, bytes);
        }
      }
    }
    return done;
  }

  private static void answered(ProduceAttempt attempt, ProduceOutcome[] outcomes, int index, ProduceOutcome outcome) {
    outcomes[index] = outcome;
    attempt.outcome(index, outcome);
  }

  /** Reports the request's outcomes to the metrics, then answers it. */
  private void complete(CompletableFuture<List<ProduceOutcome>> done, String topic, ProduceOutcome[] outcomes,
      long bytes) {
    int failed = 0;
    for (ProduceOutcome outcome : outcomes) {
      if (outcome instanceof Failed) {
        failed++;
      }
    }
    try {
      metrics.produced(topic, outcomes.length - failed, failed, bytes);
    } finally {
      done.complete(Arrays.asList(outcomes));
    }
  }

  /** {@return the bytes of the records' keys and values} */
  private static long bytes(List<ProduceRecord> records) {
    long bytes = 0;
    for (ProduceRecord record : records) {
      bytes += (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
    return bytes;
  }

  private static Failed failed(Throwable error) {
    Throwable cause = KafkaErrors.unwrap(error);
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new Failed(KafkaErrors.produceErrorCode(cause), message);
  }

  private static int highestPartition(@Nullable Integer pathPartition, List<ProduceRecord> records) {
    int highest = pathPartition == null ? -1 : pathPartition;
    for (ProduceRecord record : records) {
      if (record.partition() != null && record.partition() > highest) {
        highest = record.partition();
      }
    }
    return highest;
  }
}
