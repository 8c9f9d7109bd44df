package dev.kafkarest.server.config;

import java.nio.file.Path;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The embedded broker ({@link EmbeddedKafkaKeys}).
 *
 * @param dir its data folder
 * @param port its client port on 127.0.0.1 (0 for any free port)
 * @param controllerPort its controller port on 127.0.0.1 (0 for any free port)
 */
public record EmbeddedKafkaSettings(Path dir, int port, int controllerPort) {
  static EmbeddedKafkaSettings from(AbstractConfig config) {
    return new EmbeddedKafkaSettings(Path.of(config.getString(EmbeddedKafkaKeys.DIR)),
        config.getInt(EmbeddedKafkaKeys.PORT), config.getInt(EmbeddedKafkaKeys.CONTROLLER_PORT));
  }
}
