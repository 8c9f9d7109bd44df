package dev.kafkarest.server;

import com.github.benmanes.caffeine.cache.Scheduler;
import dev.kafkarest.server.config.ConsumerInstanceSettings;
import dev.kafkarest.server.config.HttpSettings;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.threadpool.GrizzlyExecutorService;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * The proxy's own threads: creates, names, bounds and closes every pool (the thread table in
 * {@code docs/architecture.md}), including Grizzly's worker pool, which every listener shares.
 *
 * <p>Every queue is bounded. A full queue, or a pool that is shut down, refuses work with a
 * {@link RejectedExecutionException} whose message names the pool.
 */
final class ProxyThreads implements AutoCloseable {
  /**
   * Slots of the lane pool's and the closers' queues beyond {@code consumer.instances.max}. A lane queues at
   * most one turn in the pool at a time, and each removed instance queues one close, so the instances the
   * registry holds need at most {@code consumer.instances.max} slots in each. Removed instances no longer
   * count towards that limit while their consumer is still closing; these slots are for them.
   */
  static final int REMOVED_INSTANCES_HEADROOM = 1_000;
  /** Produce sends wait here only after a topic check that was not cached; a few threads suffice. */
  static final int PRODUCE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  private static final long CLOSER_IDLE_SECONDS = 10;

  private final HttpSettings http;
  private final ThreadPoolExecutor responses;
  private final ThreadPoolExecutor produceSends;
  private final ThreadPoolExecutor consumerLanes;
  private final ThreadPoolExecutor consumerClosers;
  private final ScheduledThreadPoolExecutor consumerTimer;
  private final ScheduledThreadPoolExecutor httpTimer;
  private final ScheduledThreadPoolExecutor produceTimer;
  private final ExecutorService httpWorkers;
  private final ThreadPoolExecutor forwards;

  ProxyThreads(HttpSettings http, ConsumerInstanceSettings consumers) {
    this(http, consumers, 1);
  }

  /** @param forwardThreads the size of {@link #forwards()}; its threads start only when calls are forwarded */
  ProxyThreads(HttpSettings http, ConsumerInstanceSettings consumers, int forwardThreads) {
    this.http = http;
    this.responses = fixedPool("proxy-response-", http.responseThreads(), http.maxInflightRequests());
    this.produceSends = fixedPool("proxy-produce-", PRODUCE_THREADS, http.maxInflightRequests());
    int consumerQueue = consumers.maxInstances() + REMOVED_INSTANCES_HEADROOM;
    this.consumerLanes = fixedPool("proxy-consumer-", consumers.threads(), consumerQueue);
    this.consumerClosers = fixedPool("proxy-consumer-closer-", Math.max(2, consumers.threads() / 2), consumerQueue);
    consumerClosers.setKeepAliveTime(CLOSER_IDLE_SECONDS, TimeUnit.SECONDS);
    consumerClosers.allowCoreThreadTimeOut(true);
    this.consumerTimer = new ScheduledThreadPoolExecutor(1, named("proxy-consumer-timer-"));
    consumerTimer.setRemoveOnCancelPolicy(true);
    this.httpTimer = new ScheduledThreadPoolExecutor(1, named("proxy-http-timer-"));
    httpTimer.setRemoveOnCancelPolicy(true);
    this.produceTimer = new ScheduledThreadPoolExecutor(1, named("proxy-produce-timer-"));
    produceTimer.setRemoveOnCancelPolicy(true);
    this.httpWorkers = GrizzlyExecutorService.createInstance(httpWorkerConfig());
    this.forwards = fixedPool("proxy-forward-", forwardThreads, http.maxInflightRequests());
  }

  /**
   * {@return the pool that forwards calls to other nodes and writes their answers back (its HTTP client's
   *     executor)}
   */
  ExecutorService forwards() {
    return forwards;
  }

  /** {@return the factory of the node directory's reader thread, {@code proxy-nodes-*}} */
  ThreadFactory nodeDirectory() {
    return named("proxy-nodes-");
  }

  /** {@return the pool that renders responses after Kafka answers; it never blocks} */
  Executor responses() {
    return responses;
  }

  /**
   * {@return the pool that hands records to {@code producer.send()} after a topic check that completed
   *     later, on an Admin thread; a send can block up to the producer's {@code max.block.ms}}
   */
  Executor produceSends() {
    return produceSends;
  }

  /** {@return the pool shared by every consumer instance's lane} */
  Executor consumerLanes() {
    return consumerLanes;
  }

  /** {@return the pool that closes the Kafka consumers of removed instances} */
  Executor consumerClosers() {
    return consumerClosers;
  }

  /** {@return the consumer instances' scheduler: read retries, expiry, keep-alive} */
  Scheduler consumerScheduler() {
    return Scheduler.forScheduledExecutorService(consumerTimer);
  }

  /**
   * {@return the produce requests' deadlines: one task per request waiting for Kafka, cancelled when Kafka
   *     answers first; a task only computes the answer. Once the timer is shut down it schedules nothing,
   *     and a request is left to the producer's own limits}
   */
  Scheduler produceDeadlines() {
    return Scheduler.forScheduledExecutorService(produceTimer);
  }

  /** {@return the timer of the HTTP layer: request-body deadlines, one task per body still arriving} */
  ScheduledExecutorService httpTimer() {
    return httpTimer;
  }

  /** {@return the configuration of Grizzly's worker pool, {@code proxy-http-*}} */
  ThreadPoolConfig httpWorkerConfig() {
    return ThreadPoolConfig.defaultConfig()
        .setPoolName("proxy-http")
        .setCorePoolSize(http.threads())
        .setMaxPoolSize(http.threads())
        .setQueueLimit(http.maxInflightRequests());
  }

  /** {@return Grizzly's worker pool, shared by every listener: it parses requests and runs Jersey} */
  ExecutorService httpWorkers() {
    return httpWorkers;
  }

  /** Stops every pool: queued tasks still run, and the timer drops what it had scheduled. */
  @Override
  public void close() {
    List<ExecutorService> pools = List.of(httpWorkers, responses, produceSends, consumerLanes, consumerClosers, forwards);
    pools.forEach(ExecutorService::shutdown);
    consumerTimer.shutdownNow();
    httpTimer.shutdownNow();
    produceTimer.shutdownNow();
  }

  private static ThreadPoolExecutor fixedPool(String prefix, int threads, int queueCapacity) {
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
        named(prefix), (task, pool) -> {
          throw new RejectedExecutionException(pool.isShutdown()
              ? "the " + prefix + "* threads are shut down"
              : "the " + prefix + "* queue is full: " + queueCapacity + " tasks");
        });
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
