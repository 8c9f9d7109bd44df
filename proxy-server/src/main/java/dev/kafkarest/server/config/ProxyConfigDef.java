package dev.kafkarest.server.config;

import dev.kafkarest.server.hdinsight.HdInsightKeys;
import dev.kafkarest.server.http.HttpLimitsKeys;
import dev.kafkarest.server.logging.LoggingKeys;
import dev.kafkarest.server.nodes.NodesKeys;
import dev.kafkarest.server.quota.QuotaKeys;
import dev.kafkarest.server.security.AuthenticationConfigKeys;
import dev.kafkarest.server.security.AuthorizationConfigKeys;
import dev.kafkarest.server.tls.TlsConfigKeys;
import dev.kafkarest.server.validation.ProduceValidationConfigKeys;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The proxy's own keys, one {@link ConfigDef} group per concern.
 *
 * <p>Each concern defines its keys in a small {@code *Keys} class; this is the one place that lists them.
 * A new concern (TLS, authentication, quotas) is a new {@code *Keys} class added to {@link #GROUPS}, and
 * usually a typed view read from {@link ProxyConfig}.
 */
final class ProxyConfigDef {
  private static final List<Consumer<ConfigDef>> GROUPS = List.of(
      NodeKeys::define,
      HttpKeys::define,
      HttpLimitsKeys::define,
      CorsKeys::define,
      MetadataKeys::define,
      ConsumerInstanceKeys::define,
      PartitionReadKeys::define,
      HdInsightKeys::define,
      EmbeddedKafkaKeys::define,
      TlsConfigKeys::define,
      AuthenticationConfigKeys::define,
      AuthorizationConfigKeys::define,
      ProduceValidationConfigKeys::define,
      QuotaKeys::define,
      OperationsKeys::define,
      EndpointKeys::define,
      CompressionKeys::define,
      JmxKeys::define,
      ManagementKeys::define,
      LoggingKeys::define,
      ApiVersionKeys::define,
      StreamKeys::define,
      ResponseWriteKeys::define,
      ConsoleKeys::define,
      NodesKeys::define);

  static final ConfigDef DEFINITION = definition();

  private ProxyConfigDef() {}

  /** {@return whether {@code key} is one of the proxy's own keys (not a Kafka client pass-through)} */
  static boolean isProxyKey(String key) {
    return DEFINITION.names().contains(key) || ProduceValidationConfigKeys.isSchemaKey(key)
        || QuotaKeys.isPrincipalKey(key);
  }

  private static ConfigDef definition() {
    ConfigDef definition = new ConfigDef();
    GROUPS.forEach(group -> group.accept(definition));
    return definition;
  }
}
