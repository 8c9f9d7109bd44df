package dev.kafkarest.server;

import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.server.broker.EmbeddedKafka;
import dev.kafkarest.server.config.EmbeddedKafkaSettings;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.config.NodeKeys;
import dev.kafkarest.server.config.ProxyConfig;
import dev.kafkarest.server.logging.Logging;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the proxy: {@code java -jar kafka-rest-proxy.jar [kafka-rest.properties]}.
 *
 * <p>With no {@code bootstrap.servers}, an embedded single-node broker is started first (and stopped
 * last). SIGTERM and Ctrl-C shut down gracefully.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    ProxyConfig config;
    try {
      config = ProxyConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
    } catch (InvalidConfigException e) {
      LOG.error("Cannot start: {}", e.getMessage());
      System.exit(2);
      return;
    }
    Logging.apply(config.logging());
    EmbeddedKafka broker = null;
    try {
      if (config.bootstrapServers().isEmpty()) {
        LOG.info("No bootstrap.servers configured: starting an embedded Kafka broker");
        EmbeddedKafkaSettings embedded = config.embeddedKafka();
        broker = EmbeddedKafka.start(embedded.dir(), embedded.port(), embedded.controllerPort(), Map.of());
        config = config.with(NodeKeys.BOOTSTRAP_SERVERS, broker.bootstrapServers());
      }
      ProxyServer server = ProxyServer.start(config);
      EmbeddedKafka ownedBroker = broker;
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop(server, ownedBroker);
        stopped.countDown();
      }, "proxy-shutdown"));
      awaitQuietly(stopped);
    } catch (RuntimeException e) {
      // A setting or a file it names is unusable (a rules file's bad line, a missing users file): the message says
      // which, and a stack trace would only hide it.
      boolean invalidConfig = e instanceof InvalidConfigException;
      String jaasFailure = KafkaErrors.describeJaasFailure(e);
      if (invalidConfig) {
        LOG.error("Cannot start: {}", e.getMessage());
      } else if (jaasFailure != null) {
        // Kafka's JAAS parser quotes the word it stumbled on, maybe part of a password; so no stack trace.
        LOG.error("Cannot start: {}", jaasFailure);
      } else {
        LOG.error("Cannot start: {}", e.getMessage(), e);
      }
      if (broker != null) {
        broker.close();
      }
      System.exit(invalidConfig ? 2 : 1);
    }
  }

  private static void awaitQuietly(CountDownLatch stopped) {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stop(ProxyServer server, @Nullable EmbeddedKafka broker) {
    server.close();
    if (broker != null) {
      broker.close();
    }
  }
}
