package dev.kafkarest.it.faults;

import dev.kafkarest.it.KafkaTestClient;
import dev.kafkarest.it.Payloads;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads back what is in a topic with a native Kafka consumer, as (value, {@code partition:offset}) pairs. */
final class Landed {
  private Landed() {}

  static List<Map.Entry<String, String>> values(KafkaTestClient kafka, String topic) {
    return kafka.readAll(topic).stream()
        .map(r -> Map.entry(Objects.requireNonNull(Payloads.utf8(r.value())), r.partition() + ":" + r.offset()))
        .toList();
  }
}
