package dev.kafkarest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The native baselines: kafka-clients producers and consumers in the benchmark's own JVM. */
final class NativeClients {
  /** The proxy's producer defaults (KafkaClients in proxy-server), so the comparison is like for like. */
  static final int PROXY_LINGER_MS = 5;
  static final int PROXY_BATCH_SIZE = 65_536;

  private NativeClients() {}

  static Properties producerProps(String bootstrap, int lingerMs) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(PROXY_BATCH_SIZE));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  static Properties consumerProps(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  /** Callback state of the throughput run; touched only by the producer's I/O thread. */
  private static final class Acks {
    long measureStart;
    long measureEnd;
    long windowRecords;
    long totalRecords;
    long errors;
    @org.jspecify.annotations.Nullable String firstError;
    final Histogram latency = LoadRun.histogram();
  }

  /**
   * The native producer at full speed: one thread calling {@code send()} with a callback, as fast as
   * the producer's buffer lets it, for the warm-up then the measurement window. Latency is per record,
   * send() to acknowledgement, under saturation (so it includes the time queued in the buffer).
   */
  static LoadRun.Result produceThroughput(String bootstrap, String topic, long warmupNanos, long measureNanos,
      Supplier<Usage.Meter> meter) {
    Acks acks = new Acks();
    byte[] value = Payloads.sequencedValue(42);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, value);
    Usage usage;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bootstrap, PROXY_LINGER_MS))) {
      producer.partitionsFor(topic);
      long measureStart = System.nanoTime() + warmupNanos;
      long measureEnd = measureStart + measureNanos;
      acks.measureStart = measureStart;
      acks.measureEnd = measureEnd;
      producer.send(record).get();
      Usage.Meter usageMeter = null;
      while (true) {
        long now = System.nanoTime();
        if (now >= measureEnd) {
          break;
        }
        if (usageMeter == null && now >= measureStart) {
          usageMeter = meter.get();
        }
        long sent = now;
        producer.send(record, (metadata, error) -> {
          long done = System.nanoTime();
          if (error != null) {
            acks.errors++;
            if (acks.firstError == null) {
              acks.firstError = error.toString();
            }
            return;
          }
          acks.totalRecords++;
          if (done >= acks.measureStart && done < acks.measureEnd) {
            acks.windowRecords++;
            acks.latency.recordValue(Math.max(1, (done - sent) / 1_000));
          }
        });
      }
      usage = usageMeter == null ? meter.get().end() : usageMeter.end();
      producer.flush();
    } catch (Exception e) {
      throw new IllegalStateException("Native producer failed: " + e, e);
    }
    return new LoadRun.Result(measureNanos / 1e9, acks.windowRecords, acks.windowRecords, acks.latency,
        acks.totalRecords + 1, acks.totalRecords + 1, 0, acks.errors, acks.firstError, usage);
  }

  /**
   * Native producers as load clients: each call is {@code send().get()} of one 100-byte record. All
   * clients of one factory share one producer (as the proxy's request threads share one), which is
   * closed when the last client closes.
   */
  static LoadRun.ClientFactory sendAndWait(String bootstrap, String topic, int lingerMs) {
    java.util.concurrent.atomic.AtomicReference<KafkaProducer<byte[], byte[]>> shared =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, Payloads.sequencedValue(7));
    return () -> {
      KafkaProducer<byte[], byte[]> producer;
      synchronized (shared) {
        if (shared.get() == null) {
          KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(producerProps(bootstrap, lingerMs));
          created.partitionsFor(topic);
          shared.set(created);
        }
        producer = shared.get();
        open.incrementAndGet();
      }
      return new LoadRun.Client() {
        @Override
        public int call() throws Exception {
          producer.send(record).get(10, TimeUnit.SECONDS);
          return 1;
        }

        @Override
        public void close() {
          synchronized (shared) {
            if (open.decrementAndGet() == 0) {
              producer.close(Duration.ofSeconds(5));
              shared.set(null);
            }
          }
        }
      };
    };
  }

  /** Loads {@code count} sequenced 100-byte records (sequence numbers 0..count-1) as fast as possible. */
  static void load(String bootstrap, String topic, int count) throws Exception {
    Properties props = producerProps(bootstrap, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    long[] errors = new long[1];
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, Payloads.sequencedValue(i)), (m, e) -> {
          if (e != null) {
            errors[0]++;
          }
        });
      }
      producer.flush();
    }
    if (errors[0] > 0) {
      throw new IllegalStateException(errors[0] + " records failed while loading " + topic);
    }
  }

  /** What a drain read. */
  record Drain(long records, long badRecords, long duplicates, long missing, double seconds, Usage usage) {}

  /**
   * Reads {@code expected} sequenced records from the beginning of every partition with one native
   * consumer (default fetch settings), checking each value and that every sequence number arrives once.
   */
  static Drain drain(String bootstrap, String topic, int partitions, int expected, long timeoutNanos,
      Supplier<Usage.Meter> meter) {
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    SequenceCheck check = new SequenceCheck(expected);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
      consumer.assign(all);
      consumer.seekToBeginning(all);
      Usage.Meter usageMeter = meter.get();
      long start = System.nanoTime();
      long deadline = start + timeoutNanos;
      while (check.records() < expected && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          byte[] v = r.value();
          check.record(v == null ? new byte[0] : v, v == null ? -1 : v.length);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Usage usage = usageMeter.end();
      return new Drain(check.records(), check.bad(), check.duplicates(), check.missing(), seconds, usage);
    }
  }
}
