package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.ProxyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator moving from Confluent keeps the {@code kafka-rest.properties} Confluent ships and the environment
 * of the {@code cp-kafka-rest} container image: the proxy starts with them, serves requests, and logs each
 * Confluent setting it does not use once, with the reason.
 */
@ProxyTest
class ConfluentConfigurationIT {
  /**
   * {@code config/kafka-rest.properties} as Confluent ships it (kafka-rest 8.x), its 14-line license header
   * left out: two commented examples, the broker address, the commented monitoring interceptors, and the
   * extension class of Confluent's own resources.
   */
  private static final String STOCK_PROPERTIES = """
      #id=kafka-rest-test-server
      #schema.registry.url=http://localhost:8081
      bootstrap.servers=PLAINTEXT://localhost:9092
      #
      # Configure interceptor classes for sending consumer and producer metrics to Confluent Control Center
      # Make sure that monitoring-interceptors-<version>.jar is on the Java class path
      #consumer.interceptor.classes=io.confluent.monitoring.clients.interceptor.MonitoringConsumerInterceptor
      #producer.interceptor.classes=io.confluent.monitoring.clients.interceptor.MonitoringProducerInterceptor
      kafka.rest.extension.classes=io.confluent.kafkarest.KafkaRestResourceExtension
      """;

  @TempDir
  Path dir;

  @Test
  void stockFileAndContainerEnvironment_startServeAndLogIgnoredSettingsOnce(TestBroker broker, KafkaTestClient kafka)
      throws IOException {
    Path file = Files.writeString(dir.resolve("kafka-rest.properties"), STOCK_PROPERTIES, StandardCharsets.UTF_8);
    Map<String, String> environment = containerEnvironment(broker.bootstrapServers());
    String topic = kafka.createTopic("confluent-config", 1);

    ProxyServer server;
    String log;
    try (StderrCapture capture = new StderrCapture()) {
      server = ProxyServer.start(ProxyConfig.load(file, environment));
      log = capture.text();
    }
    try (server) {
      ProxyClient proxy = new ProxyClient(server.baseUri());
      HttpResult topics = proxy.getTopics();
      HttpResult produced = proxy.produce(topic, MediaTypes.BINARY_V2,
          "{\"records\":[{\"value\":\"" + Base64.getEncoder().encodeToString("hi".getBytes(StandardCharsets.UTF_8))
              + "\"}]}");

      assertEquals(200, topics.status(), topics::toString);
      assertTrue(topics.body().contains("\"" + topic + "\""), topics::toString);
      assertEquals(200, produced.status(), produced::toString);
      assertTrue(produced.body().contains("\"offset\":0"), produced::toString);
    }
    assertEquals(1, count(log, "Ignoring the Confluent setting 'kafka.rest.extension.classes': "), log);
    assertEquals(1, count(log, "Ignoring the Confluent setting 'cub.kafka.timeout' (set by environment variable "
        + "KAFKA_REST_CUB_KAFKA_TIMEOUT): "), log);
    assertEquals(0, count(log, "Ignoring the Confluent setting 'log4j."), "the image's log levels are honoured: " + log);
    assertEquals(4, count(log, "Ignoring the Confluent setting '"), log);
  }

  /**
   * What a {@code cp-kafka-rest} container sees: the variables of a typical compose file, the image's start-script
   * and logging variables, and the usual process environment. Only the listener's port differs (0, a free one).
   */
  private static Map<String, String> containerEnvironment(String bootstrapServers) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    environment.put("HOSTNAME", "rest-proxy");
    environment.put("HOME", "/home/appuser");
    environment.put("COMPONENT", "kafka-rest");
    environment.put("CUB_CLASSPATH", "\"/usr/share/java/cp-base-new/*\"");
    environment.put("KAFKA_REST_HOST_NAME", "rest-proxy");
    environment.put("KAFKA_REST_BOOTSTRAP_SERVERS", bootstrapServers);
    environment.put("KAFKA_REST_LISTENERS", "http://127.0.0.1:0");
    environment.put("KAFKA_REST_CLIENT_SECURITY_PROTOCOL", "PLAINTEXT");
    environment.put("KAFKA_REST_LOG4J_ROOT_LOGLEVEL", "INFO");
    environment.put("KAFKA_REST_LOG4J_LOGGERS", "org.apache.kafka=WARN");
    environment.put("KAFKA_REST_CUB_KAFKA_TIMEOUT", "40");
    environment.put("KAFKA_REST_CUB_KAFKA_MIN_BROKERS", "1");
    environment.put("KAFKA_REST_UB_KAFKA_TIMEOUT", "40");
    environment.put("KAFKA_REST_OPTS", "-Dcom.sun.management.jmxremote");
    environment.put("KAFKA_REST_HEAP_OPTS", "-Xmx512m");
    environment.put("KAFKA_REST_LOG4J_OPTS", "-Dlog4j2.configurationFile=/etc/kafka-rest/log4j2.yaml");
    return environment;
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
