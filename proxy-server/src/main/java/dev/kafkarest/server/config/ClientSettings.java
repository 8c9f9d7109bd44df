package dev.kafkarest.server.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka client properties passed through from the configuration.
 *
 * <p>A key {@code producer.<property>}, {@code consumer.<property>} or {@code admin.<property>} gives
 * {@code <property>} to that client; {@code client.<property>} gives it to all three, and the client's own
 * prefix wins over it. The proxy's own keys under these prefixes ({@link ConsumerInstanceKeys}) are not
 * passed through.
 */
public final class ClientSettings {
  private static final String PRODUCER = "producer.";
  private static final String CONSUMER = "consumer.";
  private static final String ADMIN = "admin.";
  private static final String ALL_CLIENTS = "client.";
  private static final List<String> PREFIXES = List.of(PRODUCER, CONSUMER, ADMIN, ALL_CLIENTS);

  private final Map<String, String> passThrough;

  private ClientSettings(Map<String, String> passThrough) {
    this.passThrough = Map.copyOf(passThrough);
  }

  /** {@return the pass-through keys among {@code keys}} */
  static ClientSettings from(Map<String, String> keys) {
    Map<String, String> passThrough = new HashMap<>();
    keys.forEach((key, value) -> {
      if (isPassThrough(key)) {
        passThrough.put(key, value);
      }
    });
    return new ClientSettings(passThrough);
  }

  /** {@return whether {@code key} is a client prefix followed by a property name} */
  static boolean hasClientPrefix(String key) {
    return PREFIXES.stream().anyMatch(prefix -> key.startsWith(prefix) && key.length() > prefix.length());
  }

  private static boolean isPassThrough(String key) {
    return hasClientPrefix(key) && !ProxyConfigDef.isProxyKey(key) && ConfluentKeys.ignoredReason(key).isEmpty();
  }

  /** {@return the producer's properties: {@code client.*}, then {@code producer.*}} */
  public Map<String, Object> producer() {
    return forClient(PRODUCER);
  }

  /** {@return every consumer instance's properties: {@code client.*}, then {@code consumer.*}} */
  public Map<String, Object> consumer() {
    return forClient(CONSUMER);
  }

  /** {@return the Admin client's properties: {@code client.*}, then {@code admin.*}} */
  public Map<String, Object> admin() {
    return forClient(ADMIN);
  }

  private Map<String, Object> forClient(String prefix) {
    Map<String, Object> properties = new HashMap<>();
    copyWithout(ALL_CLIENTS, properties);
    copyWithout(prefix, properties);
    return properties;
  }

  private void copyWithout(String prefix, Map<String, Object> properties) {
    passThrough.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        properties.put(key.substring(prefix.length()), value);
      }
    });
  }
}
