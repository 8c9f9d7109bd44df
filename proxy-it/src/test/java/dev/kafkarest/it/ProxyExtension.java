package dev.kafkarest.it;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.HttpKeys;
import dev.kafkarest.server.config.NodeKeys;
import dev.kafkarest.server.config.ProxyConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides one proxy per test JVM, started through the public {@link ProxyServer#start} entry point on
 * a free loopback port against the shared broker ({@link KafkaBrokerExtension}). Resolves
 * {@link ProxyClient} (pointing at that proxy) and {@link KafkaTestClient} parameters. Both the proxy
 * and the Kafka client live in the root store and are closed once every test has run, before the
 * broker.
 *
 * <p>Tests that need a proxy with other settings start their own with {@link #startProxy}.
 */
public final class ProxyExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(ProxyExtension.class);

  /**
   * Starts a proxy against {@code bootstrapServers} on a free loopback port; {@code overrides} are
   * added to (or replace) the test defaults. The caller closes it.
   */
  public static ProxyServer startProxy(String bootstrapServers, Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>();
    settings.put(HttpKeys.LISTENERS, "http://127.0.0.1:0");
    settings.put(NodeKeys.BOOTSTRAP_SERVERS, bootstrapServers);
    settings.put(NodeKeys.SHUTDOWN_GRACEFUL_MS, "1000");
    settings.putAll(overrides);
    return ProxyServer.start(ProxyConfig.of(settings));
  }

  /** {@return the JVM's shared proxy, started on first use} */
  public static ProxyServer proxy(ExtensionContext context) {
    // The broker goes into the store first, so that JUnit, closing in reverse order, stops it last.
    TestBroker broker = KafkaBrokerExtension.broker(context);
    return store(context).getOrComputeIfAbsent(ProxyServer.class,
        key -> startProxy(broker.bootstrapServers(), Map.of()), ProxyServer.class);
  }

  /** {@return the JVM's shared direct Kafka client} */
  public static KafkaTestClient kafka(ExtensionContext context) {
    TestBroker broker = KafkaBrokerExtension.broker(context);
    return store(context).getOrComputeIfAbsent(KafkaTestClient.class,
        key -> new KafkaTestClient(broker.bootstrapServers()), KafkaTestClient.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ProxyClient.class || type == KafkaTestClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == KafkaTestClient.class) {
      return kafka(context);
    }
    return new ProxyClient(proxy(context).baseUri());
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE);
  }
}
