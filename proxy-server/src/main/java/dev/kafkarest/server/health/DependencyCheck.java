package dev.kafkarest.server.health;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * One readiness check of what the proxy needs: the producer is not stuck (no request thread waits for
 * buffer memory, which happens when {@code buffer.memory} is full because Kafka does not take records), and
 * Kafka answers a metadata request ({@code describeCluster} on the shared Admin client) within the timeout.
 * Each call starts one check; the answer completes on an Admin client thread.
 */
final class DependencyCheck implements Supplier<CompletableFuture<ReadinessResult>> {
  private static final String PRODUCER_GROUP = "producer-metrics";
  private static final String WAITING_THREADS = "waiting-threads";
  private static final int MAX_REASON = 300;

  private final Admin admin;
  private final Producer<?, ?> producer;
  private final Duration timeout;

  DependencyCheck(Admin admin, Producer<?, ?> producer, Duration timeout) {
    this.admin = admin;
    this.producer = producer;
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<ReadinessResult> get() {
    double waiting = producerWaitingThreads(producer.metrics());
    if (waiting > 0) {
      return CompletableFuture.completedFuture(ReadinessResult.notReady(ErrorCode.SERVICE_UNAVAILABLE,
          "the producer's buffer is full: " + (long) waiting + " requests wait to hand it records"));
    }
    CompletableFuture<ReadinessResult> result = new CompletableFuture<>();
    admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(timeout.toMillis()))).nodes()
        .whenComplete((nodes, error) -> result.complete(error != null ? kafkaDown(error)
            : nodes.isEmpty() ? ReadinessResult.notReady(ErrorCode.BROKER_NOT_AVAILABLE, "Kafka reports no brokers")
            : ReadinessResult.READY));
    return result;
  }

  private ReadinessResult kafkaDown(Throwable error) {
    Throwable cause = KafkaErrors.unwrap(error);
    String detail = cause.getMessage() == null ? "" : KafkaErrors.withoutJaasQuotes(cause.getMessage());
    // The answer names the kind of failure only: Kafka's message may name brokers and security settings.
    return ReadinessResult.notReady(ErrorCode.BROKER_NOT_AVAILABLE, "Kafka did not answer a metadata request within "
        + timeout.toMillis() + " ms (" + cause.getClass().getSimpleName() + ")",
        detail.length() > MAX_REASON ? detail.substring(0, MAX_REASON) + "..." : detail);
  }

  /** {@return the producer's count of threads blocked waiting for buffer memory; 0 when it has none} */
  static double producerWaitingThreads(Map<MetricName, ? extends Metric> metrics) {
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
      MetricName name = entry.getKey();
      if (WAITING_THREADS.equals(name.name()) && PRODUCER_GROUP.equals(name.group())
          && entry.getValue().metricValue() instanceof Number value) {
        return value.doubleValue();
      }
    }
    return 0;
  }
}
