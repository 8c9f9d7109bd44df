package dev.kafkarest.it;

import dev.kafkarest.server.broker.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Provides one Kafka broker per test JVM, as a {@link TestBroker} parameter. The broker lives in the
 * root extension store, so JUnit closes it once every test has run.
 *
 * <p>Which broker:
 * <ol>
 *   <li>{@code -Dkafka.bootstrap=host:port}: an external broker, used as is;
 *   <li>otherwise, per {@code -Dkafka.broker=auto|docker|embedded} (default {@code auto}): Testcontainers'
 *       {@link KafkaContainer} (image {@code -Dkafka.image}, default {@code apache/kafka-native:<clients
 *       version>}) when a Docker engine is available, else the proxy's {@link EmbeddedKafka} child-JVM
 *       broker with its data under {@code java.io.tmpdir} (the module's {@code target/}).
 * </ol>
 * Brokers the tests start have automatic topic creation switched off, so that missing-topic behaviour
 * is testable; tests create every topic they use, with a unique name.
 */
public final class KafkaBrokerExtension implements ParameterResolver {
  public static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap";
  public static final String MODE_PROPERTY = "kafka.broker";
  public static final String IMAGE_PROPERTY = "kafka.image";

  /** Broker settings for every broker the tests start. */
  static final Map<String, String> BROKER_SETTINGS = Map.of("auto.create.topics.enable", "false");

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
  private static final Namespace NAMESPACE = Namespace.create(KafkaBrokerExtension.class);

  /** {@return the JVM's shared broker, started on first use} */
  public static TestBroker broker(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestBroker.class, key -> start(), TestBroker.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker(context);
  }

  private static TestBroker start() {
    String external = System.getProperty(BOOTSTRAP_PROPERTY, "").trim();
    if (!external.isEmpty()) {
      LOG.info("Using the external Kafka broker at {}", external);
      return new TestBroker(external, TestBroker.Kind.EXTERNAL, null, null);
    }
    String mode = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "embedded":
        return startEmbedded();
      case "docker":
        if (!DockerClientFactory.instance().isDockerAvailable()) {
          throw new IllegalStateException("-D" + MODE_PROPERTY + "=docker, but no Docker engine is available");
        }
        return startContainer();
      case "auto":
        return DockerClientFactory.instance().isDockerAvailable() ? startContainer() : startEmbedded();
      default:
        throw new IllegalArgumentException("-D" + MODE_PROPERTY + " must be auto, docker or embedded, was " + mode);
    }
  }

  private static TestBroker startContainer() {
    String image = System.getProperty(IMAGE_PROPERTY, "apache/kafka-native:" + AppInfoParser.getVersion());
    KafkaContainer container = new KafkaContainer(image);
    BROKER_SETTINGS.forEach((key, value) ->
        container.withEnv("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
    container.start();
    LOG.info("Started Kafka container {} at {}", image, container.getBootstrapServers());
    return new TestBroker(container.getBootstrapServers(), TestBroker.Kind.DOCKER, container::stop, null);
  }

  private static TestBroker startEmbedded() {
    Path dataDir = newDataDir("embedded-kafka-");
    EmbeddedKafka broker = EmbeddedKafka.start(dataDir, 0, 0, BROKER_SETTINGS);
    return new TestBroker(broker.bootstrapServers(), TestBroker.Kind.EMBEDDED, broker, dataDir);
  }

  /** {@return a new empty folder under {@code java.io.tmpdir}, which the build points at target/} */
  static Path newDataDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a data folder for the broker", e);
    }
  }
}
