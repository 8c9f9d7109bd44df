package dev.kafkarest.server.metrics;

import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.metrics.ProxyMetrics;
import dev.kafkarest.server.config.JmxSettings;
import dev.kafkarest.server.config.OperationsSettings;
import dev.kafkarest.server.exchange.ExchangeListener;
import dev.kafkarest.server.nodes.ForwardingOutcomes;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.core.Feature;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.producer.Producer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's meters: one Prometheus registry (none when {@code metrics.enabled=false}), with a JMX registry
 * beside it when {@code metrics.jmx.enabled}, the core's counters
 * ({@link #core()}), the HTTP meters ({@link #http()}), and the scrape with the JVM, process, consumer-instance
 * and Kafka client meters ({@link #feature}). {@link #close()} unbinds what needs it and stops the one
 * {@code proxy-metrics-1} thread, which refreshes the Kafka client meters once a minute.
 */
public final class ProxyMeters implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyMeters.class);
  /** The most path templates the HTTP meters accept: far above the API's, a guard against a bug. */
  private static final int MAX_TEMPLATES = 200;

  private final OperationsSettings.Metrics settings;
  private final @Nullable PrometheusMeterRegistry registry;
  /** Where meters are registered: the Prometheus registry, or a composite of it and the JMX one. */
  private final @Nullable MeterRegistry meterRegistry;
  private final ProxyMetrics core;
  private final ExchangeListener http;
  private final @Nullable ConsumerClientMeters consumerClients;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private ProxyMeters(OperationsSettings.Metrics settings, @Nullable PrometheusMeterRegistry registry,
      @Nullable JmxSettings jmx) {
    this.settings = settings;
    this.registry = registry;
    if (registry == null) {
      this.meterRegistry = null;
    } else if (jmx == null) {
      this.meterRegistry = registry;
    } else {
      JmxMeterRegistry jmxRegistry = new JmxMeterRegistry(jmxConfig(jmx.prefix()), Clock.SYSTEM);
      limitCardinality(jmxRegistry);
      closeables.add(jmxRegistry::close);
      this.meterRegistry = new CompositeMeterRegistry(Clock.SYSTEM, List.of(registry, jmxRegistry));
    }
    this.core = meterRegistry == null ? ProxyMetrics.none() : new CoreMeters(meterRegistry, settings.topicLabel(),
        settings.maxLabelValues());
    this.http = meterRegistry == null ? exchange -> { } : new HttpMeters(meterRegistry);
    this.consumerClients = meterRegistry == null ? null : new ConsumerClientMeters(meterRegistry);
  }

  /** {@return the meters the settings ask for: a Prometheus registry, or nothing when metrics are off} */
  public static ProxyMeters create(OperationsSettings.Metrics settings) {
    return create(settings, new JmxSettings(false, "kafka.rest"));
  }

  /**
   * {@return the meters the settings ask for: a Prometheus registry, and the same meters as JMX MBeans under
   *     {@code jmx}'s domain when it is enabled; nothing when metrics are off}
   */
  public static ProxyMeters create(OperationsSettings.Metrics settings, JmxSettings jmx) {
    return new ProxyMeters(settings, settings.enabled() ? newRegistry() : null, jmx.enabled() ? jmx : null);
  }

  /** {@return what the core services report to; does nothing when metrics are off} */
  public ProxyMetrics core() {
    return core;
  }

  /** {@return the listener of answered exchanges; does nothing when metrics are off} */
  public ExchangeListener http() {
    return http;
  }

  /**
   * {@return the properties of a Kafka consumer of the proxy, with the reporter of the aggregated consumer
   *     client meters added; {@code properties} itself when metrics are off}
   */
  public Map<String, Object> consumerProperties(Map<String, Object> properties) {
    return consumerClients == null ? properties : consumerClients.consumerProperties(properties);
  }

  /**
   * Binds the meters of the JVM, the process, the consumer instances and the shared Kafka clients, and
   * {@return the feature that serves the scrape}; it registers nothing when metrics are off.
   */
  public MetricsFeature feature(Producer<?, ?> producer, Admin admin, ConsumerRegistry consumers) {
    if (registry == null || meterRegistry == null) {
      return MetricsFeature.disabled();
    }
    List<MeterBinder> binders = new ArrayList<>(List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(),
        new JvmThreadMetrics(), new JvmInfoMetrics(), new ProcessorMetrics(), new UptimeMetrics(),
        new FileDescriptorMetrics()));
    JvmGcMetrics gc = new JvmGcMetrics();
    closeables.add(gc);
    binders.add(gc);
    ScheduledThreadPoolExecutor refresher = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "proxy-metrics-1");
      thread.setDaemon(true);
      return thread;
    });
    refresher.setRemoveOnCancelPolicy(true);
    closeables.add(refresher::shutdownNow);
    binders.add(kafkaClient(new KafkaClientMetrics(producer, Tags.empty(), refresher)));
    if (admin instanceof AdminClient client) {
      binders.add(kafkaClient(new KafkaClientMetrics(client, Tags.empty(), refresher)));
    }
    binders.forEach(binder -> binder.bindTo(meterRegistry));
    Gauge.builder("kafka.rest.consumer.instances", consumers, ConsumerRegistry::size).strongReference(true)
        .description("Consumer instances this proxy holds").register(meterRegistry);
    return new MetricsFeature(settings.path(), registry);
  }

  /**
   * Reports how many streams by offset are open ({@code kafka_rest_stream_partitions_open}, against
   * {@code stream.partitions.max}); nothing when metrics are off.
   */
  public void streamsByOffset(IntSupplier open) {
    if (meterRegistry != null) {
      Gauge.builder("kafka.rest.stream.partitions.open", open, IntSupplier::getAsInt).strongReference(true)
          .description("Streams by offset (no consumer instance) open now").register(meterRegistry);
    }
  }

  /**
   * Reports the live nodes of the directory ({@code kafka_rest_nodes_live}, this one included) and {@return the
   *     counter of where calls for instances held elsewhere went} ({@code kafka_rest_nodes_calls_total} by {@code
   *     outcome}); nothing is reported when metrics are off
   */
  public ForwardingOutcomes nodes(IntSupplier liveNodes) {
    if (meterRegistry == null) {
      return ForwardingOutcomes.NONE;
    }
    Gauge.builder("kafka.rest.nodes.live", liveNodes, IntSupplier::getAsInt).strongReference(true)
        .description("Proxy nodes the directory holds alive, this one included").register(meterRegistry);
    Map<ForwardingOutcomes.Outcome, Counter> counters = new EnumMap<>(ForwardingOutcomes.Outcome.class);
    for (ForwardingOutcomes.Outcome outcome : ForwardingOutcomes.Outcome.values()) {
      counters.put(outcome, Counter.builder("kafka.rest.nodes.calls")
          .description("Calls for consumer instances another node holds, by what became of them")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(meterRegistry));
    }
    return outcome -> counters.get(outcome).increment();
  }

  /** {@return the registry, or null when metrics are off} */
  @Nullable PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Unbinds the Kafka client and GC meters and stops the refresh thread; the registry stays readable. */
  @Override
  public void close() {
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Closing meters failed: {}", e.toString());
      }
    }
    closeables.clear();
  }

  private KafkaClientMetrics kafkaClient(KafkaClientMetrics metrics) {
    closeables.add(metrics);
    return metrics;
  }

  private static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    limitCardinality(registry);
    return registry;
  }

  private static JmxConfig jmxConfig(String domain) {
    return new JmxConfig() {
      @Override
      public @Nullable String get(String key) {
        return null;
      }

      @Override
      public String domain() {
        return domain;
      }
    };
  }

  private static void limitCardinality(MeterRegistry registry) {
    registry.config()
        // Kafka's per-topic and per-partition client metrics would make one series per topic.
        // The proxy's own topic label (metrics.labels.topic.enable) is capped by CoreMeters.
        .meterFilter(MeterFilter.deny(id -> id.getName().startsWith("kafka.") && !id.getName().startsWith("kafka.rest.")
            && (id.getTag("topic") != null || id.getTag("partition") != null)))
        .meterFilter(MeterFilter.maximumAllowableTags(HttpMeters.REQUESTS, "uri", MAX_TEMPLATES, MeterFilter.deny()))
        .meterFilter(MeterFilter.maximumAllowableTags(HttpMeters.REQUEST_BODY, "uri", MAX_TEMPLATES,
            MeterFilter.deny()))
        .meterFilter(MeterFilter.maximumAllowableTags(HttpMeters.RESPONSE_BODY, "uri", MAX_TEMPLATES,
            MeterFilter.deny()))
        .meterFilter(MeterFilter.maximumAllowableTags(HttpMeters.STREAMS, "uri", MAX_TEMPLATES, MeterFilter.deny()))
        .meterFilter(MeterFilter.maximumAllowableTags(HttpMeters.STREAM_BODY, "uri", MAX_TEMPLATES,
            MeterFilter.deny()));
  }
}
