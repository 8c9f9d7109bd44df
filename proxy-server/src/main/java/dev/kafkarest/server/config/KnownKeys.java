package dev.kafkarest.server.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Decides, for every key given, whether it is the proxy's own, a Kafka client property, a Confluent setting
 * this proxy ignores ({@link ConfluentKeys}), or a mistake that stops start-up.
 *
 * <p>A mistake is named with the closest key when it is one or two typing errors away from one: a key under a
 * client prefix that is no property of the Kafka clients but looks like one of the proxy's own
 * ({@code consumer.request.timout.ms}) or like a client property ({@code client.security.protocl}) is such a
 * mistake too, rather than a property passed to Kafka.
 */
final class KnownKeys {
  private static final Set<String> CLIENT_PROPERTIES = clientProperties();

  private KnownKeys() {}

  /**
   * {@return the Confluent settings among {@code keys} that this proxy ignores, with the reason, sorted by key}
   *
   * @throws InvalidConfigException naming the first key that is neither known nor ignored
   */
  static Map<String, String> check(Map<String, String> keys) {
    Map<String, String> ignored = new TreeMap<>();
    for (String key : new TreeMap<>(keys).keySet()) {
      reasonToIgnore(key).ifPresent(reason -> ignored.put(key, reason));
    }
    return new LinkedHashMap<>(ignored);
  }

  private static Optional<String> reasonToIgnore(String key) {
    if (ProxyConfigDef.isProxyKey(key) || ProxyConfig.isConfigProviderKey(key)) {
      return Optional.empty();
    }
    if (ConfluentKeys.isExact(key)) {
      Optional<String> refused = ConfluentKeys.refusedReason(key);
      if (refused.isPresent()) {
        throw new InvalidConfigException("The Confluent setting '" + key + "' is not supported: " + refused.get()
            + ". See docs/configuration.md.");
      }
      return ConfluentKeys.ignoredReason(key);
    }
    Optional<String> meant = Misspellings.closest(key, ProxyConfigDef.DEFINITION.names());
    if (ClientSettings.hasClientPrefix(key)) {
      String prefix = key.substring(0, key.indexOf('.') + 1);
      String property = key.substring(prefix.length());
      if (!CLIENT_PROPERTIES.contains(property)) {
        if (meant.isPresent()) {
          throw misspelt(key, meant.get());
        }
        // A mistyped security setting would leave the proxy talking to Kafka in plain text, without credentials.
        Optional<String> kafkaMeant = Misspellings.closest(property, CLIENT_PROPERTIES);
        if (kafkaMeant.isPresent()) {
          throw misspelt(key, prefix + kafkaMeant.get());
        }
      }
      return Optional.empty();
    }
    if (meant.isPresent()) {
      throw misspelt(key, meant.get());
    }
    Optional<String> ignored = ConfluentKeys.ignoredReason(key);
    if (ignored.isPresent()) {
      return ignored;
    }
    Optional<String> refused = ConfluentKeys.refusedReason(key);
    if (refused.isPresent()) {
      throw new InvalidConfigException("The Confluent setting '" + key + "' is not supported: " + refused.get()
          + ". See docs/configuration.md.");
    }
    Optional<String> confluent = Misspellings.closest(key, ConfluentKeys.IGNORED.keySet());
    throw new InvalidConfigException("Unknown setting '" + key + "'"
        + confluent.map(known -> " (did you mean '" + known + "'?)").orElse("") + ". See docs/configuration.md.");
  }

  private static InvalidConfigException misspelt(String key, String meant) {
    return new InvalidConfigException("Unknown setting '" + key + "': did you mean '" + meant + "'? "
        + "See docs/configuration.md.");
  }

  private static Set<String> clientProperties() {
    Set<String> names = new HashSet<>();
    names.addAll(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    return Set.copyOf(names);
  }
}
