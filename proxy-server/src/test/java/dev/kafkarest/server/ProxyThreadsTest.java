package dev.kafkarest.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.config.ProxyConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyThreadsTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ProxyThreads threads = threads(Map.of(
      "response.threads", "1",
      "http.threads", "3",
      "http.max.inflight.requests", "2",
      "consumer.threads", "1",
      "consumer.instances.max", "1"));

  @AfterEach
  void tearDown() {
    release.countDown();
    threads.close();
  }

  @Test
  void pools_runTasksOnNamedDaemonThreads() {
    assertThreadName("proxy-response-1", threads.responses());
    assertThreadName("proxy-produce-1", threads.produceSends());
    assertThreadName("proxy-consumer-1", threads.consumerLanes());
    assertThreadName("proxy-consumer-closer-1", threads.consumerClosers());
    CompletableFuture<String> scheduled = new CompletableFuture<>();
    threads.consumerScheduler().schedule(Runnable::run, () -> scheduled.complete(Thread.currentThread().getName()),
        0, TimeUnit.MILLISECONDS);
    assertEquals("proxy-consumer-timer-1", scheduled.join());
  }

  @Test
  void produceDeadlines_runOnTheProduceTimer() {
    CompletableFuture<String> scheduled = new CompletableFuture<>();
    threads.produceDeadlines().schedule(Runnable::run, () -> scheduled.complete(Thread.currentThread().getName()),
        0, TimeUnit.MILLISECONDS);

    assertEquals("proxy-produce-timer-1", scheduled.join());
  }

  @Test
  void produceDeadlines_afterClose_scheduleNothingAndThrowNothing() {
    threads.close();

    Future<?> deadline = threads.produceDeadlines().schedule(Runnable::run, () -> { }, 1, TimeUnit.SECONDS);

    assertFalse(deadline.cancel(false), "a deadline that was never scheduled");
  }

  @Test
  void responses_queueFull_refusesNamingThePool() {
    RejectedExecutionException e = fill(threads.responses(), 1, 2);

    assertEquals("the proxy-response-* queue is full: 2 tasks", e.getMessage());
  }

  @Test
  void produceSends_queueBoundedByInflightRequests_refusesNamingThePool() {
    RejectedExecutionException e = fill(threads.produceSends(), ProxyThreads.PRODUCE_THREADS, 2);

    assertEquals("the proxy-produce-* queue is full: 2 tasks", e.getMessage());
  }

  @Test
  void consumerLanes_queueBoundedByInstancesPlusHeadroom_refusesBeyond() {
    int capacity = 1 + ProxyThreads.REMOVED_INSTANCES_HEADROOM;

    RejectedExecutionException e = fill(threads.consumerLanes(), 1, capacity);

    assertEquals("the proxy-consumer-* queue is full: " + capacity + " tasks", e.getMessage());
  }

  @Test
  void consumerClosers_atLeastTwoThreadsAndBoundedQueue_refusesBeyond() {
    int capacity = 1 + ProxyThreads.REMOVED_INSTANCES_HEADROOM;

    RejectedExecutionException e = fill(threads.consumerClosers(), 2, capacity);

    assertEquals("the proxy-consumer-closer-* queue is full: " + capacity + " tasks", e.getMessage());
  }

  @Test
  void httpWorkers_sizedByHttpThreadsAndQueueByInflightRequests() {
    ThreadPoolConfig workers = threads.httpWorkerConfig();

    assertEquals("proxy-http", workers.getPoolName());
    assertEquals(3, workers.getCorePoolSize());
    assertEquals(3, workers.getMaxPoolSize());
    assertEquals(2, workers.getQueueLimit());
  }

  @Test
  void close_everyPool_refusesNewWorkNamingThePool() {
    threads.close();

    List<Function<ProxyThreads, Executor>> pools = List.of(ProxyThreads::responses, ProxyThreads::produceSends,
        ProxyThreads::consumerLanes, ProxyThreads::consumerClosers);
    for (Function<ProxyThreads, Executor> pool : pools) {
      RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
          () -> pool.apply(threads).execute(() -> { }));
      assertTrue(e.getMessage().endsWith("threads are shut down"), e.getMessage());
    }
    // Caffeine's scheduler answers a refused task with a future that is already done.
    assertTrue(threads.consumerScheduler().schedule(Runnable::run, () -> { }, 1, TimeUnit.HOURS).isDone());
  }

  @Test
  void close_queuedTasks_stillRun() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    threads.responses().execute(() -> {
      started.countDown();
      awaitRelease();
    });
    started.await();
    threads.responses().execute(ran::countDown);

    threads.close();
    release.countDown();

    assertTrue(ran.await(10, TimeUnit.SECONDS));
  }

  private static ProxyThreads threads(Map<String, String> keys) {
    ProxyConfig config = ProxyConfig.of(keys);
    return new ProxyThreads(config.http(), config.consumerInstances());
  }

  private static void assertThreadName(String expected, Executor pool) {
    CompletableFuture<Thread> thread = CompletableFuture.supplyAsync(Thread::currentThread, pool);
    assertEquals(expected, thread.join().getName());
    assertTrue(thread.join().isDaemon());
  }

  /** Occupies every thread of {@code pool}, fills its queue, and returns the refusal of one task more. */
  private RejectedExecutionException fill(Executor pool, int threadCount, int queueCapacity) {
    CountDownLatch started = new CountDownLatch(threadCount);
    for (int i = 0; i < threadCount; i++) {
      pool.execute(() -> {
        started.countDown();
        awaitRelease();
      });
    }
    try {
      assertTrue(started.await(10, TimeUnit.SECONDS), "the pool's threads did not start");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    for (int i = 0; i < queueCapacity; i++) {
      pool.execute(() -> { });
    }
    return assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
