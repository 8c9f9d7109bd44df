package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.metrics.ProxyMetrics;
import dev.kafkarest.core.metrics.ProxyMetrics.Removal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer instances of this proxy process, keyed by owner, group and name.
 *
 * <p>An instance belongs to the {@link Identity} that created it: every look-up names the caller, and an
 * instance of another principal is not found, exactly as if it did not exist. So instance names are
 * scoped per principal: two principals may each have an instance {@code c} in group {@code g}. Anonymous
 * callers (authentication off) share one scope, as without authentication.
 *
 * <p>Instances live in a Caffeine cache with {@code expireAfterAccess(consumer.instance.timeout.ms)} and
 * a scheduler, so an idle instance disappears promptly; every look-up renews it, and an expired
 * instance is never visible, even before it is cleaned up. Removal (expiry, delete, shutdown) closes
 * the instance through its own lane. Time is a {@link Ticker} and delays go through a {@link
 * Scheduler}, so tests can drive both.
 */
public final class ConsumerRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerRegistry.class);
  private static final int DEFAULT_AUTO_COMMIT_INTERVAL_MS = 5_000;
  private static final int KEEP_ALIVE_TICKS = 10;
  /**
   * What a full registry asks a client to wait before it tries again: places free up only as instances are
   * deleted or expire, so an immediate retry would be refused too.
   */
  public static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(10);

  private final RegistrySettings settings;
  private final ConsumerFactory factory;
  private final Executor pool;
  private final Executor closer;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final String nodeId;
  private final ProxyMetrics metrics;
  private final RecordArrivals arrivals;
  private final Cache<InstanceKey, ConsumerInstance> instances;
  /** Removed instances whose Kafka consumer is still closing; shutdown waits for them. */
  private final Set<CompletableFuture<Void>> terminating = ConcurrentHashMap.newKeySet();
  private final List<BiConsumer<Identity, ConsumerInstanceId>> removalListeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** A registry that reports no metrics; see the constructor with {@link ProxyMetrics}. */
  public ConsumerRegistry(RegistrySettings settings, ConsumerFactory factory, Executor pool, Executor closer,
      Scheduler scheduler, Ticker ticker, String nodeId) {
    this(settings, factory, pool, closer, scheduler, ticker, nodeId, ProxyMetrics.none());
  }

  /**
   * @param pool the shared pool that runs every instance's lane; bounded by the caller
   * @param closer runs {@code KafkaConsumer#close} of removed instances, which can block for {@code
   *     fetch.max.wait.ms}; bounded by the caller (when it refuses, the close runs on the lane pool)
   * @param nodeId this proxy's {@code id}, part of generated instance names
   * @param metrics told of every instance created and removed, and of every read's answer
   */
  public ConsumerRegistry(RegistrySettings settings, ConsumerFactory factory, Executor pool, Executor closer,
      Scheduler scheduler, Ticker ticker, String nodeId, ProxyMetrics metrics) {
    this(settings, factory, pool, closer, scheduler, ticker, nodeId, metrics, RecordArrivals.disabled());
  }

  /**
   * A registry whose waiting reads are woken by {@code arrivals} instead of polling on a timer; the
   * caller closes {@code arrivals} after this registry.
   */
  public ConsumerRegistry(RegistrySettings settings, ConsumerFactory factory, Executor pool, Executor closer,
      Scheduler scheduler, Ticker ticker, String nodeId, ProxyMetrics metrics, RecordArrivals arrivals) {
    this.arrivals = arrivals;
    this.settings = settings;
    this.factory = factory;
    this.pool = pool;
    this.closer = closer;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.nodeId = nodeId;
    this.metrics = metrics;
    this.instances = Caffeine.newBuilder()
        .expireAfterAccess(settings.instanceTimeout())
        .scheduler(scheduler)
        .ticker(ticker)
        .executor(Runnable::run)
        .<InstanceKey, ConsumerInstance>removalListener(this::onRemoval)
        .build();
    scheduleKeepAlive();
  }

  /**
   * Creates an instance owned by {@code owner}.
   *
   * @param name the instance name, or null to generate {@code rest-consumer-[id-]uuid}
   * @throws ProxyException 409/40902 when {@code owner} already has an instance of that name in the group;
   *     422/42204 when the name cannot be used in a URL ({@link InstanceNames}) or Kafka rejects the
   *     settings; 429 with a {@link ProxyException#retryAfter()} of {@link #FULL_RETRY_AFTER} when the proxy
   *     holds {@code maxInstances} instances
   */
  public ConsumerInstance create(Identity owner, String group, @Nullable String name, InstanceSettings request) {
    InstanceNames.checkGroup(group);
    String instanceName = name != null ? InstanceNames.check(name)
        : "rest-consumer-" + (nodeId.isEmpty() ? "" : nodeId + "-") + UUID.randomUUID();
    ConsumerInstanceId id = new ConsumerInstanceId(group, instanceName);
    InstanceKey key = InstanceKey.of(owner, id);
    if (instances.getIfPresent(key) != null) {
      throw alreadyExists();
    }
    if (instances.estimatedSize() >= settings.maxInstances()) {
      instances.cleanUp();
      if (instances.estimatedSize() >= settings.maxInstances()) {
        throw ProxyException.retryLater(ErrorCode.TOO_MANY_REQUESTS, "This proxy already holds "
            + settings.maxInstances() + " consumer instances, its limit (consumer.instances.max, lowered to what "
            + "the file descriptor limit allows); delete unused ones or try again later.", FULL_RETRY_AFTER);
      }
    }
    ConsumerInstance instance = build(id, request);
    if (instances.asMap().putIfAbsent(key, instance) != null) {
      instance.close();
      throw alreadyExists();
    }
    metrics.consumerCreated();
    if (closed) {
      instances.invalidate(key);
      throw new ProxyException(ErrorCode.SERVICE_UNAVAILABLE, "The proxy is shutting down.");
    }
    LOG.info("Created consumer instance {} in group {} for {} ({} format)", instanceName, group,
        key.owner().name(), request.format().wireName());
    return instance;
  }

  /**
   * Returns an instance of {@code caller} and renews its idle timer.
   *
   * @throws ProxyException 404/40403 when {@code caller} has no such instance (never created, deleted,
   *     expired, or another principal's)
   */
  public ConsumerInstance get(Identity caller, String group, String name) {
    ConsumerInstance instance = instances.getIfPresent(InstanceKey.of(caller, new ConsumerInstanceId(group, name)));
    if (instance == null) {
      throw new ProxyException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND);
    }
    return instance;
  }

  /**
   * {@return whether {@code owner} has the instance {@code id} here}; unlike {@link #get}, this neither
   * renews the instance nor throws
   */
  public boolean holds(Identity owner, ConsumerInstanceId id) {
    return instances.asMap().containsKey(InstanceKey.of(owner, id));
  }

  /**
   * Tells {@code listener} of every instance removed from now on (deleted, expired or closed at shutdown),
   * with its owner; called on the removing thread, so it must not block.
   */
  public void onRemoval(BiConsumer<Identity, ConsumerInstanceId> listener) {
    removalListeners.add(listener);
  }

  /**
   * Renews an instance's idle timer ({@code consumer.instance.timeout.ms}) if it still exists; for the end
   * of a long read, whose start renewed it long ago.
   */
  public void renew(Identity caller, ConsumerInstanceId id) {
    instances.getIfPresent(InstanceKey.of(caller, id));
  }

  /**
   * Removes an instance and closes it; the future completes when what it consumed is committed (auto-commit
   * on), while its consumer finishes closing and leaves the group.
   *
   * @throws ProxyException 404/40403 when {@code caller} has no such instance
   */
  public CompletableFuture<Void> delete(Identity caller, String group, String name) {
    ConsumerInstance instance =
        instances.asMap().remove(InstanceKey.of(caller, new ConsumerInstanceId(group, name)));
    if (instance == null) {
      throw new ProxyException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND);
    }
    return instance.close();
  }

  /** {@return how many removed instances' consumers are still closing} */
  int closing() {
    return terminating.size();
  }

  /** {@return the number of live instances} */
  public long size() {
    instances.cleanUp();
    return instances.estimatedSize();
  }

  /**
   * Closes every instance (committing where auto-commit is on) and waits up to {@code timeout} for their
   * consumers to close, including those of instances deleted or expired just before.
   */
  public void close(Duration timeout) {
    closed = true;
    instances.invalidateAll();
    instances.cleanUp();
    List<CompletableFuture<Void>> closing = List.copyOf(terminating);
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("{} consumer instances did not close within {} ms", closing.stream().filter(f -> !f.isDone()).count(),
          timeout.toMillis());
    } catch (Exception e) {
      LOG.warn("Closing consumer instances failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private ConsumerInstance build(ConsumerInstanceId id, InstanceSettings request) {
    Map<String, Object> config = consumerConfig(id, request);
    InstancePolicy policy = policy(request, config);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Consumer<byte[], byte[]> consumer = createConsumer(config);
    InstanceRuntime runtime = new InstanceRuntime(new SerialLane(pool, settings.maxPendingOperations()), closer,
        scheduler, ticker, metrics, arrivals);
    return new ConsumerInstance(id, request.format(), consumer, runtime, policy);
  }

  /** {@return the Kafka consumer properties: the server's (defaults and pass-through), then the instance's} */
  private Map<String, Object> consumerConfig(ConsumerInstanceId id, InstanceSettings request) {
    Map<String, Object> config = new HashMap<>(settings.consumerSettings());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, id.group());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rest-" + id.group() + "-" + id.name());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    if (request.autoOffsetReset() != null) {
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, request.autoOffsetReset());
    }
    return config;
  }

  /**
   * {@return how the instance reads and commits: its request's settings, else the pass-through Kafka
   *     settings ({@code enable.auto.commit}, {@code auto.commit.interval.ms}), else the proxy's defaults}
   */
  private InstancePolicy policy(InstanceSettings request, Map<String, Object> config) {
    boolean autoCommit = request.autoCommit() != null ? request.autoCommit()
        : Boolean.parseBoolean(String.valueOf(config.getOrDefault(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true")));
    Duration autoCommitInterval = Duration.ofMillis(Long.parseLong(String.valueOf(
        config.getOrDefault(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, DEFAULT_AUTO_COMMIT_INTERVAL_MS))));
    long timeoutMs = request.requestTimeoutMs() != null ? request.requestTimeoutMs()
        : settings.requestTimeout().toMillis();
    int fetchMinBytes = request.fetchMinBytes() != null ? request.fetchMinBytes() : settings.fetchMinBytes();
    InstancePolicy.ReadLimits limits = new InstancePolicy.ReadLimits(TimeUnit.MILLISECONDS.toNanos(timeoutMs),
        settings.requestMaxBytes(), fetchMinBytes, settings.maxBackoff().toNanos());
    return new InstancePolicy(limits, autoCommit, autoCommitInterval, settings.keepAliveInterval());
  }

  /** @throws ProxyException 422/42204 when Kafka rejects the settings */
  private Consumer<byte[], byte[]> createConsumer(Map<String, Object> config) {
    try {
      return factory.create(config);
    } catch (ConfigException e) {
      throw new ProxyException(ErrorCode.INVALID_CONSUMER_CONFIG, "Invalid consumer configuration: "
          + KafkaErrors.withoutJaasQuotes(String.valueOf(e.getMessage())), e);
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ProxyException(ErrorCode.INVALID_CONSUMER_CONFIG,
          "Invalid consumer configuration: " + KafkaErrors.withoutJaasQuotes(String.valueOf(cause.getMessage())), e);
    }
  }

  private void onRemoval(@Nullable InstanceKey key, @Nullable ConsumerInstance instance, RemovalCause cause) {
    if (instance == null) {
      return;
    }
    ConsumerInstanceId id = instance.id();
    instance.close();
    if (key != null) {
      InstanceKey removed = key;
      removalListeners.forEach(listener -> listener.accept(removed.owner().identity(), id));
    }
    CompletableFuture<Void> closing = instance.consumerClosed();
    terminating.add(closing);
    closing.whenComplete((done, error) -> terminating.remove(closing));
    metrics.consumerRemoved(cause == RemovalCause.EXPIRED ? Removal.EXPIRED
        : closed ? Removal.SHUTDOWN : Removal.DELETED);
    if (cause == RemovalCause.EXPIRED) {
      LOG.info("Consumer instance {} in group {} expired after {} ms idle", id.name(), id.group(),
          settings.instanceTimeout().toMillis());
    } else {
      LOG.info("Consumer instance {} in group {} removed ({})", id.name(), id.group(), cause);
    }
  }

  private void scheduleKeepAlive() {
    if (closed) {
      return;
    }
    scheduler.schedule(Runnable::run, () -> {
      try {
        keepAliveSweep();
      } finally {
        scheduleKeepAlive();
      }
    }, settings.keepAliveInterval().toNanos() / KEEP_ALIVE_TICKS, TimeUnit.NANOSECONDS);
  }

  /**
   * Queues keep-alive polls for idle instances, at most a tenth of all instances per tick (ten ticks per
   * interval). Spread this way, a thousand idle instances never put a thousand polls at once in the
   * shared pool's queue, ahead of client requests.
   */
  private void keepAliveSweep() {
    long budget = Math.max(1, (instances.estimatedSize() + KEEP_ALIVE_TICKS - 1) / KEEP_ALIVE_TICKS);
    for (ConsumerInstance instance : instances.asMap().values()) {
      if (budget == 0) {
        return;
      }
      if (instance.keepAliveIfIdle()) {
        budget--;
      }
    }
  }

  /**
   * Who owns an instance: the principal's name and whether it authenticated, not its groups, which may
   * differ from one request (or token) to the next.
   */
  private record Owner(String name, boolean authenticated) {
    Identity identity() {
      return new Identity(name, Set.of(), authenticated);
    }
  }

  /** The cache key: an instance is found only by its owner. */
  private record InstanceKey(Owner owner, ConsumerInstanceId id) {
    static InstanceKey of(Identity identity, ConsumerInstanceId id) {
      return new InstanceKey(new Owner(identity.name(), identity.authenticated()), id);
    }
  }

  private static ProxyException alreadyExists() {
    return new ProxyException(ErrorCode.CONSUMER_ALREADY_EXISTS);
  }
}
