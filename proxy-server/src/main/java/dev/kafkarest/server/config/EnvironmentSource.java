package dev.kafkarest.server.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Configuration from {@code KAFKA_REST_*} environment variables, named as in Confluent's container images:
 * {@code KAFKA_REST_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}; {@code __} stands for {@code _} and
 * {@code ___} for {@code -}.
 *
 * <p>The start-script variables of those images and the variables Kubernetes injects for a Service named
 * {@code kafka-rest} share the prefix but are not configuration; they are ignored. An error about a key set
 * here can be {@linkplain #attribute attributed} to its variable.
 */
final class EnvironmentSource {
  private static final String PREFIX = "KAFKA_REST_";
  /** Environment variables of Confluent's start scripts, which are not configuration. */
  private static final Set<String> SCRIPT_VARIABLES = Set.of("KAFKA_REST_OPTS", "KAFKA_REST_HEAP_OPTS",
      "KAFKA_REST_JVM_PERFORMANCE_OPTS", "KAFKA_REST_LOG4J_OPTS", "KAFKA_REST_JMX_OPTS", "KAFKA_REST_LOG_DIR",
      "KAFKA_REST_CLASSPATH", "KAFKA_REST_DEBUG");
  /** Variables Kubernetes injects for a Service named {@code kafka-rest}. */
  private static final Pattern KUBERNETES_SERVICE_LINK =
      Pattern.compile("KAFKA_REST_(SERVICE_HOST|SERVICE_PORT(_.*)?|PORT(_\\d+_(TCP|UDP|SCTP)(_.*)?)?)");

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> variables = new LinkedHashMap<>();

  private EnvironmentSource() {}

  /** {@return the configuration among {@code environment}'s variables} */
  static EnvironmentSource of(Map<String, String> environment) {
    EnvironmentSource source = new EnvironmentSource();
    environment.forEach((variable, value) -> {
      if (isConfiguration(variable)) {
        String key = keyOf(variable);
        source.values.put(key, value);
        source.variables.put(key, variable);
      }
    });
    return source;
  }

  /** {@return the keys set by the environment, with their values} */
  Map<String, String> values() {
    return Map.copyOf(values);
  }

  /** {@return the variable that set each key} */
  Map<String, String> variables() {
    return Map.copyOf(variables);
  }

  /**
   * {@return {@code error} with the variable named, when its message is about a key set here; else
   *     {@code error} itself}
   */
  InvalidConfigException attribute(InvalidConfigException error) {
    String message = error.getMessage();
    return variables.entrySet().stream()
        .filter(entry -> names(message, entry.getKey()))
        .findFirst()
        .map(entry -> new InvalidConfigException(message + " (set by environment variable " + entry.getValue() + ")",
            error))
        .orElse(error);
  }

  /** {@return the key a {@code KAFKA_REST_*} variable sets} */
  static String keyOf(String variable) {
    return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT)
        .replace("___", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
  }

  private static boolean isConfiguration(String variable) {
    return variable.startsWith(PREFIX) && !SCRIPT_VARIABLES.contains(variable)
        && !KUBERNETES_SERVICE_LINK.matcher(variable).matches();
  }

  /** Our messages quote an unknown key ('key'); Kafka's name an invalid one ("value x for configuration key: ..."). */
  private static boolean names(String message, String key) {
    return message.contains("'" + key + "'") || message.contains(" " + key + ":") || message.contains(" " + key + " ");
  }
}
