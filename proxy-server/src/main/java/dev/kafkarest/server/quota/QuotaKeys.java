package dev.kafkarest.server.quota;

import dev.kafkarest.server.config.KeyGroup;
import dev.kafkarest.core.quota.QuotaKind;
import dev.kafkarest.core.quota.QuotaLimits;
import dev.kafkarest.core.quota.QuotaRate;
import dev.kafkarest.core.quota.QuotaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The quota settings (see docs/security.md, "Quotas").
 *
 * <ul>
 *   <li>{@code quota.produce.requests.per.second}, {@code quota.produce.bytes.per.second},
 *       {@code quota.consume.requests.per.second}, {@code quota.consume.bytes.per.second}: every client's
 *       limits, 0 for none.
 *   <li>{@code quota.principal.<name>.<limit>}: one of those four for one principal, where {@code <limit>}
 *       is the name above without {@code quota.}; a principal name may contain dots, so the limit is read
 *       from the end of the key.
 *   <li>{@code quota.produce.bytes.inflight.max}, {@code quota.clients.max}, {@code quota.idle.timeout.ms}.
 * </ul>
 *
 * <p>The per-principal keys embed a name, so a {@code ConfigDef} cannot list them: the proxy's check for
 * unknown keys asks {@link #isPrincipalKey}, and {@link #settings} validates them.
 */
public final class QuotaKeys {
  public static final String GROUP = "Quotas";

  public static final String PRODUCE_REQUESTS_PER_SECOND = "quota.produce.requests.per.second";
  public static final String PRODUCE_BYTES_PER_SECOND = "quota.produce.bytes.per.second";
  public static final String CONSUME_REQUESTS_PER_SECOND = "quota.consume.requests.per.second";
  public static final String CONSUME_BYTES_PER_SECOND = "quota.consume.bytes.per.second";
  public static final String PRODUCE_BYTES_INFLIGHT_MAX = "quota.produce.bytes.inflight.max";
  public static final String CLIENTS_MAX = "quota.clients.max";
  public static final String IDLE_TIMEOUT_MS = "quota.idle.timeout.ms";
  /** Prefix of the per-principal overrides: {@code quota.principal.<name>.<limit>}. */
  public static final String PRINCIPAL = "quota.principal.";

  /** The four per-client limits, by their name without {@code quota.} (the suffix of an override key). */
  private static final Map<String, Limit> LIMITS = Map.of(
      "produce.requests.per.second", new Limit(QuotaKind.PRODUCE, true),
      "produce.bytes.per.second", new Limit(QuotaKind.PRODUCE, false),
      "consume.requests.per.second", new Limit(QuotaKind.CONSUME, true),
      "consume.bytes.per.second", new Limit(QuotaKind.CONSUME, false));

  private static final ConfigDef DEFINITION = define(new ConfigDef());

  private QuotaKeys() {}

  /** {@return {@code definition}, with the fixed quota keys added} */
  public static ConfigDef define(ConfigDef definition) {
    new KeyGroup(definition, GROUP)
        .define(PRODUCE_REQUESTS_PER_SECOND, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
            "Produce requests per second per client (principal, or address when anonymous); 0 for no limit.")
        .define(PRODUCE_BYTES_PER_SECOND, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
            "Produce body bytes per second per client; 0 for no limit.")
        .define(CONSUME_REQUESTS_PER_SECOND, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
            "Consumer record reads per second per client; 0 for no limit.")
        .define(CONSUME_BYTES_PER_SECOND, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
            "Bytes of record-read responses per second per client, charged after each read; 0 for no limit.")
        .define(PRODUCE_BYTES_INFLIGHT_MAX, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
            "The most produce body bytes accepted and not yet answered, over all clients; 0 for no cap.")
        .define(CLIENTS_MAX, Type.LONG, QuotaSettings.DEFAULT_MAX_TRACKED_CLIENTS, Range.between(1, 100_000_000),
            Importance.LOW, "The most clients whose quota state is kept.")
        .define(IDLE_TIMEOUT_MS, Type.LONG, QuotaSettings.DEFAULT_IDLE_TIMEOUT.toMillis(),
            Range.between(1_000, 86_400_000), Importance.LOW,
            "How long the quota state of a client that sends nothing is kept.");
    return definition;
  }

  /**
   * {@return whether {@code key} is a per-principal override}; such keys are checked by {@link #settings},
   * which refuses malformed ones with a message naming them
   */
  public static boolean isPrincipalKey(String key) {
    return key.startsWith(PRINCIPAL);
  }

  /**
   * Reads the quota settings out of all of the proxy's settings; other keys are ignored.
   *
   * @throws ConfigException naming the key, for a value that is not a non-negative number, or a
   *     {@code quota.principal.} key that does not end with one of the four limits after a non-empty name
   */
  public static QuotaSettings settings(Map<String, ?> settings) {
    Map<String, Object> fixed = new TreeMap<>();
    Map<String, Map<Limit, Long>> principals = new TreeMap<>();
    settings.forEach((key, value) -> {
      if (DEFINITION.names().contains(key)) {
        fixed.put(key, value);
      } else if (isPrincipalKey(key)) {
        PrincipalLimit parsed = principalLimit(key);
        principals.computeIfAbsent(parsed.principal(), p -> new TreeMap<>())
            .put(parsed.limit(), nonNegative(key, value));
      }
    });
    AbstractConfig parsed = new AbstractConfig(DEFINITION, fixed, false);
    QuotaLimits defaults = new QuotaLimits(
        new QuotaRate(parsed.getLong(PRODUCE_REQUESTS_PER_SECOND), parsed.getLong(PRODUCE_BYTES_PER_SECOND)),
        new QuotaRate(parsed.getLong(CONSUME_REQUESTS_PER_SECOND), parsed.getLong(CONSUME_BYTES_PER_SECOND)));
    Map<String, QuotaLimits> overrides = new TreeMap<>();
    principals.forEach((principal, limits) -> {
      QuotaLimits merged = defaults;
      for (Map.Entry<Limit, Long> limit : limits.entrySet()) {
        merged = limit.getKey().applyTo(merged, limit.getValue());
      }
      overrides.put(principal, merged);
    });
    return new QuotaSettings(defaults, overrides, parsed.getLong(PRODUCE_BYTES_INFLIGHT_MAX),
        parsed.getLong(CLIENTS_MAX), Duration.ofMillis(parsed.getLong(IDLE_TIMEOUT_MS)));
  }

  private static PrincipalLimit principalLimit(String key) {
    String rest = key.substring(PRINCIPAL.length());
    for (Map.Entry<String, Limit> limit : LIMITS.entrySet()) {
      String suffix = "." + limit.getKey();
      if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
        return new PrincipalLimit(rest.substring(0, rest.length() - suffix.length()), limit.getValue());
      }
    }
    throw new ConfigException(key + ": unknown key; use " + PRINCIPAL + "<name>.<limit> where <limit> is one of "
        + new TreeMap<>(LIMITS).keySet() + " (see docs/security.md).");
  }

  private static long nonNegative(String key, Object value) {
    try {
      long parsed = Long.parseLong(String.valueOf(value).trim());
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ConfigException(key + ": '" + value + "' is not a whole number of at least 0.");
  }

  /** One of the four per-client limits. */
  private record Limit(QuotaKind kind, boolean requests) implements Comparable<Limit> {
    QuotaLimits applyTo(QuotaLimits limits, long value) {
      QuotaRate rate = limits.rate(kind);
      return limits.with(kind, requests ? rate.withRequestsPerSecond(value) : rate.withBytesPerSecond(value));
    }

    @Override
    public int compareTo(Limit other) {
      return kind != other.kind ? kind.compareTo(other.kind) : Boolean.compare(requests, other.requests);
    }
  }

  private record PrincipalLimit(String principal, Limit limit) {}
}
