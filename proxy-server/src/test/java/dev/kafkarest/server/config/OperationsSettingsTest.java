package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationsSettingsTest {

  @Test
  void defaults_probesMetricsAndAccessLog() {
    OperationsSettings settings = ProxyConfig.of(Map.of()).operations();

    assertEquals(new OperationsSettings.Health("/healthz", "/readyz", Duration.ofSeconds(2), Duration.ofSeconds(1)),
        settings.health());
    assertEquals(new OperationsSettings.Metrics(true, "/metrics"), settings.metrics());
    assertEquals(new OperationsSettings.AccessLog(true, "kafka.rest.access"), settings.accessLog());
  }

  @Test
  void configured_valuesAreRead() {
    OperationsSettings settings = ProxyConfig.of(Map.of(
        "health.liveness.path", "/ops/live",
        "health.readiness.path", "/ops/ready",
        "health.readiness.timeout.ms", "500",
        "health.readiness.cache.ms", "0",
        "metrics.enabled", "false",
        "metrics.path", "/ops/prometheus",
        "metrics.labels.topic.enable", "true",
        "metrics.labels.max.values", "7",
        "access.log.enabled", "false",
        "request.logger.name", "io.confluent.rest-utils.requests")).operations();

    assertEquals(new OperationsSettings.Health("/ops/live", "/ops/ready", Duration.ofMillis(500), Duration.ZERO),
        settings.health());
    assertEquals(new OperationsSettings.Metrics(false, "/ops/prometheus", true, 7), settings.metrics());
    assertEquals(new OperationsSettings.AccessLog(false, "io.confluent.rest-utils.requests"), settings.accessLog());
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthz", "/", "/healthz/", "/a//b", "/{x}", "/a b", "/../x", "/topics", "/topics/health",
      "/openapi.json", "/consumers"})
  void path_notALiteralPathOrUnderTheApi_isRefusedNamingTheKey(String path) {
    InvalidConfigException error = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("metrics.path", path)));

    assertTrue(error.getMessage().contains("metrics.path"), error.getMessage());
  }

  @Test
  void paths_sameForTwoEndpoints_isRefused() {
    InvalidConfigException error = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("metrics.path", "/healthz")));

    assertTrue(error.getMessage().contains("/healthz is given twice"), error.getMessage());
  }

  @Test
  void paths_metricsOff_mayReuseItsPath() {
    OperationsSettings settings = ProxyConfig.of(Map.of("metrics.enabled", "false", "metrics.path", "/healthz"))
        .operations();

    assertEquals("/healthz", settings.health().livenessPath());
  }

  @Test
  void requestLoggerName_blank_isRefused() {
    assertThrows(InvalidConfigException.class, () -> ProxyConfig.of(Map.of("request.logger.name", " ")));
  }
}
