package dev.kafkarest.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.config.ProxyConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingKeysTest {
  @Test
  void settings_defaults_infoNoLoggersText() {
    LoggingSettings settings = ProxyConfig.of(Map.of()).logging();

    assertEquals(new LoggingSettings(LoggingSettings.Level.INFO, Map.of(), LoggingSettings.Format.TEXT), settings);
  }

  @Test
  void settings_confluentImageVariables_rootAndLoggerLevels() {
    LoggingSettings settings = ProxyConfig.load(null, Map.of(
        "KAFKA_REST_LOG4J_ROOT_LOGLEVEL", "warn",
        "KAFKA_REST_LOG4J_LOGGERS", "org.apache.kafka=INFO, kafka.rest.access=OFF,dev.kafkarest=FATAL",
        "KAFKA_REST_LOG_FORMAT", "JSON")).logging();

    assertEquals(LoggingSettings.Level.WARN, settings.root());
    assertEquals(Map.of("org.apache.kafka", LoggingSettings.Level.INFO, "kafka.rest.access", LoggingSettings.Level.OFF,
        "dev.kafkarest", LoggingSettings.Level.ERROR), settings.loggers());
    assertEquals(LoggingSettings.Format.JSON, settings.format());
  }

  @Test
  void settings_unknownLevel_rejectedNamingTheVariable() {
    InvalidConfigException error = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.load(null, Map.of("KAFKA_REST_LOG4J_ROOT_LOGLEVEL", "LOUD")));

    assertTrue(error.getMessage().contains("log4j.root.loglevel level 'LOUD' must be TRACE, DEBUG, INFO, WARN, ERROR "
        + "or OFF"), error.getMessage());
    assertTrue(error.getMessage().contains("KAFKA_REST_LOG4J_ROOT_LOGLEVEL"), error.getMessage());
  }

  @Test
  void settings_loggerWithoutLevel_rejected() {
    InvalidConfigException error = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("log4j.loggers", "org.apache.kafka")));

    assertTrue(error.getMessage().contains("log4j.loggers 'org.apache.kafka' must be logger=LEVEL"), error.getMessage());
  }

  @Test
  void settings_unknownFormat_rejected() {
    InvalidConfigException error = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("log.format", "xml")));

    assertTrue(error.getMessage().contains("log.format 'xml' must be text or json"), error.getMessage());
  }
}
