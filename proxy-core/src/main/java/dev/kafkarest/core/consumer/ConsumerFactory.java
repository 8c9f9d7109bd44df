package dev.kafkarest.core.consumer;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;

/** Creates the Kafka consumer behind an instance; the seam that lets tests use {@code MockConsumer}. */
@FunctionalInterface
public interface ConsumerFactory {
  Consumer<byte[], byte[]> create(Map<String, Object> settings);
}
