package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kafkarest.server.broker.EmbeddedKafka;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Starting the embedded broker logs no page of connection warnings: the readiness wait does not ask Kafka
 * before its port is open. Uses its own broker.
 */
class QuietStartIT {
  @Test
  void embeddedBroker_start_noConnectionWarnings() {
    Path dataDir = KafkaBrokerExtension.newDataDir("quiet-start-");
    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      EmbeddedKafka broker = EmbeddedKafka.start(dataDir, 0, 0, KafkaBrokerExtension.BROKER_SETTINGS);
      broker.close();
      log = captured.text();
    }

    assertFalse(log.contains("could not be established"), log);
    assertFalse(log.contains(" WARN "), log);
  }
}
