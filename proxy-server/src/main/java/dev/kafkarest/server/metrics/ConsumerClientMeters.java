package dev.kafkarest.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.jspecify.annotations.Nullable;

/**
 * A small, fixed set of the Kafka consumers' own client metrics, aggregated over every consumer of the proxy
 * (consumer instances, reads by offset): one series per metric, however many consumers there are.
 *
 * <p>Each consumer gets a {@link Reporter} through its {@code metric.reporters} (see
 * {@link #consumerProperties}); the reporter keeps references to the consumer's client-level metrics of
 * {@link #SPECS} (one hash lookup per metric Kafka registers, no JMX bean, nothing else per creation) and the
 * meters read them when scraped. Totals ({@code *-total}) stay monotonic: when a consumer closes, its totals
 * are kept in a retired sum; rates, averages, maxima and gauges of a closed consumer simply stop counting.
 */
public final class ConsumerClientMeters {
  /** The consumer property through which each {@link Reporter} finds this aggregator. */
  static final String AGGREGATOR = "kafka.rest.consumer.client.meters";
  static final String PREFIX = "kafka.rest.consumer.client.";

  /** How values of several consumers combine. */
  enum Kind {
    /** A cumulative count: summed, closed consumers' values retired, never decreasing. */
    TOTAL,
    /** A rate or a gauge: summed over the live consumers. */
    SUM,
    /** A maximum: the largest of the live consumers. */
    MAX,
    /** An average: the mean of the live consumers that have one. */
    AVG
  }

  /** One aggregated Kafka metric: its group and name, and how it combines. */
  record Spec(String group, String name, Kind kind) {
    /** {@return the meter's name: the Kafka name under {@link #PREFIX}, {@code -total} left to Prometheus} */
    String meterName() {
      String base = kind == Kind.TOTAL && name.endsWith("-total") ? name.substring(0, name.length() - 6) : name;
      return PREFIX + base.replace('-', '.');
    }
  }

  private static final String FETCH = "consumer-fetch-manager-metrics";
  private static final String COORDINATOR = "consumer-coordinator-metrics";
  static final List<Spec> SPECS = List.of(
      new Spec(FETCH, "records-consumed-total", Kind.TOTAL),
      new Spec(FETCH, "records-consumed-rate", Kind.SUM),
      new Spec(FETCH, "bytes-consumed-total", Kind.TOTAL),
      new Spec(FETCH, "bytes-consumed-rate", Kind.SUM),
      new Spec(FETCH, "fetch-total", Kind.TOTAL),
      new Spec(FETCH, "fetch-latency-avg", Kind.AVG),
      new Spec(FETCH, "fetch-latency-max", Kind.MAX),
      new Spec(FETCH, "records-lag-max", Kind.MAX),
      new Spec(COORDINATOR, "commit-total", Kind.TOTAL),
      new Spec(COORDINATOR, "commit-latency-avg", Kind.AVG),
      new Spec(COORDINATOR, "commit-latency-max", Kind.MAX),
      new Spec(COORDINATOR, "rebalance-total", Kind.TOTAL),
      new Spec(COORDINATOR, "failed-rebalance-total", Kind.TOTAL),
      new Spec(COORDINATOR, "assigned-partitions", Kind.SUM),
      new Spec("consumer-metrics", "connection-count", Kind.SUM));
  private static final Map<String, Integer> INDEX = index();

  private final Set<Reporter> live = ConcurrentHashMap.newKeySet();
  private final DoubleAdder[] retired = new DoubleAdder[SPECS.size()];
  /** The last value each total reported, so that a scrape racing a retirement never sees it decrease. */
  private final double[] lastTotals = new double[SPECS.size()];

  /** Registers the aggregated meters in {@code registry}. */
  ConsumerClientMeters(MeterRegistry registry) {
    for (int i = 0; i < SPECS.size(); i++) {
      retired[i] = new DoubleAdder();
      Spec spec = SPECS.get(i);
      int slot = i;
      String description = "Kafka consumer metric " + spec.group() + "/" + spec.name() + " ("
          + spec.kind().name().toLowerCase(java.util.Locale.ROOT) + " over the proxy's consumers)";
      if (spec.kind() == Kind.TOTAL) {
        FunctionCounter.builder(spec.meterName(), this, meters -> meters.total(slot))
            .description(description).register(registry);
      } else {
        Gauge.builder(spec.meterName(), this, meters -> meters.value(slot))
            .description(description).register(registry);
      }
    }
    Gauge.builder(PREFIX + "consumers", live, Collection::size)
        .description("Kafka consumers reporting to the aggregated consumer client metrics").register(registry);
  }

  /**
   * {@return {@code properties} with a {@link Reporter} added to {@code metric.reporters} (after any the
   *     operator set) and this aggregator for it to find}
   */
  public Map<String, Object> consumerProperties(Map<String, Object> properties) {
    Set<String> reporters = new LinkedHashSet<>();
    Object configured = properties.get(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG);
    if (configured instanceof Collection<?> list) {
      list.forEach(reporter -> reporters.add(reporter instanceof Class<?> type ? type.getName() : reporter.toString()));
    } else if (configured instanceof Class<?> type) {
      reporters.add(type.getName());
    } else if (configured != null) {
      for (String name : configured.toString().split(",")) {
        if (!name.isBlank()) {
          reporters.add(name.trim());
        }
      }
    }
    reporters.add(Reporter.class.getName());
    Map<String, Object> result = new HashMap<>(properties);
    result.put(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, String.join(",", reporters));
    result.put(AGGREGATOR, this);
    return result;
  }

  /** {@return the consumers reporting now} */
  int consumers() {
    return live.size();
  }

  private synchronized double total(int slot) {
    double sum = retired[slot].sum();
    for (Reporter reporter : live) {
      double value = reporter.value(slot);
      if (Double.isFinite(value)) {
        sum += value;
      }
    }
    lastTotals[slot] = Math.max(lastTotals[slot], sum);
    return lastTotals[slot];
  }

  private double value(int slot) {
    Kind kind = SPECS.get(slot).kind();
    double result = kind == Kind.SUM ? 0 : Double.NaN;
    int counted = 0;
    for (Reporter reporter : live) {
      double value = reporter.value(slot);
      if (!Double.isFinite(value)) {
        continue;
      }
      counted++;
      result = switch (kind) {
        case SUM, TOTAL, AVG -> (Double.isNaN(result) ? 0 : result) + value;
        case MAX -> Double.isNaN(result) ? value : Math.max(result, value);
      };
    }
    return kind == Kind.AVG && counted > 0 ? result / counted : result;
  }

  private static Map<String, Integer> index() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < SPECS.size(); i++) {
      index.put(SPECS.get(i).group() + ':' + SPECS.get(i).name(), i);
    }
    return Map.copyOf(index);
  }

  /** {@return the slot of a client-level metric of {@link #SPECS}, or -1} */
  static int slot(MetricName name) {
    // Client-level metrics carry the client id only; per-topic, -partition and -node ones are not taken.
    if (name.tags().size() > 1) {
      return -1;
    }
    Integer slot = INDEX.get(name.group() + ':' + name.name());
    return slot == null ? -1 : slot;
  }

  /**
   * Kafka's side: one per consumer, created by the consumer from {@code metric.reporters}; keeps the
   * consumer's metrics of {@link #SPECS} for the aggregator it finds in its configuration (does nothing
   * without one).
   */
  public static final class Reporter implements MetricsReporter {
    private final AtomicReferenceArray<@Nullable KafkaMetric> metrics = new AtomicReferenceArray<>(SPECS.size());
    private @Nullable ConsumerClientMeters aggregator;

    /** Created by Kafka through {@code metric.reporters}. */
    public Reporter() {}

    @Override
    public void configure(Map<String, ?> configs) {
      if (configs.get(AGGREGATOR) instanceof ConsumerClientMeters meters) {
        this.aggregator = meters;
      }
    }

    @Override
    public void init(List<KafkaMetric> initial) {
      ConsumerClientMeters meters = aggregator;
      if (meters == null) {
        return;
      }
      new ArrayList<>(initial).forEach(this::metricChange);
      meters.live.add(this);
    }

    @Override
    public void metricChange(KafkaMetric metric) {
      int slot = slot(metric.metricName());
      if (slot >= 0 && aggregator != null) {
        metrics.set(slot, metric);
      }
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
      int slot = slot(metric.metricName());
      if (slot >= 0 && metrics.compareAndSet(slot, metric, null)) {
        retire(slot, metric);
      }
    }

    @Override
    public void close() {
      ConsumerClientMeters meters = aggregator;
      if (meters == null) {
        return;
      }
      for (int slot = 0; slot < SPECS.size(); slot++) {
        KafkaMetric metric = metrics.getAndSet(slot, null);
        if (metric != null) {
          retire(slot, metric);
        }
      }
      meters.live.remove(this);
    }

    private void retire(int slot, KafkaMetric metric) {
      ConsumerClientMeters meters = aggregator;
      if (meters != null && SPECS.get(slot).kind() == Kind.TOTAL) {
        double value = valueOf(metric);
        if (Double.isFinite(value)) {
          meters.retired[slot].add(value);
        }
      }
    }

    double value(int slot) {
      KafkaMetric metric = metrics.get(slot);
      return metric == null ? Double.NaN : valueOf(metric);
    }

    private static double valueOf(KafkaMetric metric) {
      return metric.metricValue() instanceof Number number ? number.doubleValue() : Double.NaN;
    }
  }
}
