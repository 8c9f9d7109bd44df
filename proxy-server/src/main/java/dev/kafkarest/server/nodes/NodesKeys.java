package dev.kafkarest.server.nodes;

import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.config.KeyGroup;
import java.net.URI;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.types.Password;

/** Keys for running several nodes behind one load balancer (see docs/deployment.md). */
public final class NodesKeys {
  public static final String GROUP = "Nodes";

  public static final String ENABLE = "nodes.enable";
  public static final String ADVERTISED_URL = "nodes.advertised.url";
  public static final String TOPIC = "nodes.topic";
  public static final String HEARTBEAT_INTERVAL_MS = "nodes.heartbeat.interval.ms";
  public static final String FAILURE_TIMEOUT_MS = "nodes.failure.timeout.ms";
  public static final String SECRET = "nodes.secret";
  public static final String FORWARD_MODE = "nodes.forward.mode";
  public static final String FORWARD_TIMEOUT_MS = "nodes.forward.timeout.ms";
  public static final String FORWARD_THREADS = "nodes.forward.threads";
  public static final String DIRECTORY_MAX_INSTANCES = "nodes.directory.max.instances";

  /** The shortest shared secret accepted: 32 characters, about 190 bits when random. */
  static final int MIN_SECRET_LENGTH = 32;

  private NodesKeys() {}

  public static ConfigDef define(ConfigDef definition) {
    new KeyGroup(definition, GROUP)
        .define(ENABLE, Type.BOOLEAN, false, null, Importance.MEDIUM,
            "Share consumer instances with the other nodes on the same nodes.topic: a call for an instance "
                + "another node owns is forwarded to it.")
        .define(ADVERTISED_URL, Type.STRING, "", null, Importance.MEDIUM,
            "The URL other nodes reach this node at, e.g. http://10.0.0.5:8082; empty for the host name and "
                + "the first listener's scheme and port.")
        .define(TOPIC, Type.STRING, "_kafka-rest-nodes", new ConfigDef.NonEmptyString(), Importance.LOW,
            "The compacted topic of node heartbeats and instance owners; created when missing.")
        .define(HEARTBEAT_INTERVAL_MS, Type.INT, 2_000, Range.between(100, 60_000), Importance.LOW,
            "How often a node announces itself.")
        .define(FAILURE_TIMEOUT_MS, Type.INT, 10_000, Range.between(500, 600_000), Importance.LOW,
            "How long a node may stay silent before its instances are reported lost (404/40403).")
        .define(SECRET, Type.PASSWORD, "", null, Importance.HIGH,
            "The secret all nodes share (at least 32 characters); it signs the caller's identity on "
                + "forwarded calls. Required with nodes.enable.")
        .define(FORWARD_MODE, Type.STRING, "forward", ValidString.in("forward", "redirect"), Importance.LOW,
            "forward: this node calls the owner and streams its answer back; redirect: 307 to the owner's URL.")
        .define(FORWARD_TIMEOUT_MS, Type.INT, 120_000, Range.between(1_000, 3_600_000), Importance.LOW,
            "The longest a forwarded call waits for the owner's answer; above the longest read timeout.")
        .define(FORWARD_THREADS, Type.INT, 16, Range.between(1, 1_024), Importance.LOW,
            "Threads that write forwarded answers back to clients.")
        .define(DIRECTORY_MAX_INSTANCES, Type.INT, 200_000, Range.between(1, 100_000_000), Importance.LOW,
            "The most instance owners a node keeps in memory; past it, new instances answer only on their own node.");
    return definition;
  }

  /**
   * {@return the nodes settings}
   *
   * @throws InvalidConfigException when nodes are on without a long enough secret, or the URL is not one
   */
  public static NodesSettings settings(AbstractConfig config) {
    boolean enabled = config.getBoolean(ENABLE);
    Password secret = config.getPassword(SECRET);
    String url = config.getString(ADVERTISED_URL);
    if (enabled && secret.value().length() < MIN_SECRET_LENGTH) {
      throw new InvalidConfigException(SECRET + " must be at least " + MIN_SECRET_LENGTH
          + " characters when " + ENABLE + " is true; every node needs the same value");
    }
    if (!url.isEmpty()) {
      URI parsed;
      try {
        parsed = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(ADVERTISED_URL + " is not a URL: " + e.getMessage());
      }
      if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null) {
        throw new InvalidConfigException(ADVERTISED_URL + " must be an http or https URL with a host, like "
            + "http://10.0.0.5:8082");
      }
    }
    return new NodesSettings(enabled, url, config.getString(TOPIC),
        Duration.ofMillis(config.getInt(HEARTBEAT_INTERVAL_MS)), Duration.ofMillis(config.getInt(FAILURE_TIMEOUT_MS)),
        secret, "redirect".equals(config.getString(FORWARD_MODE)),
        Duration.ofMillis(config.getInt(FORWARD_TIMEOUT_MS)), config.getInt(FORWARD_THREADS),
        config.getInt(DIRECTORY_MAX_INSTANCES));
  }
}
