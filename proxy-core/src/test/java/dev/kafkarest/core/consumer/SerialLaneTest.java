package dev.kafkarest.core.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialLaneTest {

  @Test
  void submit_fromSeveralThreads_runsTasksInSubmissionOrderOnOnePoolSlot() throws InterruptedException {
    QueueExecutor pool = new QueueExecutor();
    SerialLane lane = new SerialLane(pool, 1_000);
    List<String> submitted = new ArrayList<>();
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 50; i++) {
          String task = thread + "-" + i;
          synchronized (submitted) {
            submitted.add(task);
            lane.submit(() -> ran.add(task));
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(1, pool.queued());
    pool.runAll();

    assertEquals(200, ran.size());
    assertEquals(submitted, ran);
    assertEquals(1, pool.maxQueued());
  }

  @Test
  void submit_onMultiThreadedPool_neverRunsTwoTasksAtOnce() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SerialLane lane = new SerialLane(pool, 10_000);
      AtomicInteger active = new AtomicInteger();
      AtomicInteger maxActive = new AtomicInteger();
      List<String> submitted = new ArrayList<>();
      List<String> ran = new ArrayList<>(); // confined to the lane
      List<CompletableFuture<Void>> results = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        threads.add(new Thread(() -> {
          for (int i = 0; i < 500; i++) {
            String task = thread + "-" + i;
            synchronized (submitted) {
              submitted.add(task);
              results.add(lane.submit(() -> {
                maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                ran.add(task);
                Thread.yield();
                active.decrementAndGet();
                return null;
              }));
            }
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();

      assertEquals(1, maxActive.get());
      assertEquals(2_000, ran.size());
      assertEquals(submitted, ran);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void drain_moreTasksThanOneTurn_givesPoolSlotBackBetweenTurns() {
    QueueExecutor pool = new QueueExecutor();
    SerialLane lane = new SerialLane(pool, 100);
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < 10; i++) {
      lane.submit(ran::incrementAndGet);
    }

    assertTrue(pool.runOne());
    assertEquals(8, ran.get());
    assertEquals(1, pool.queued());
    assertTrue(pool.runOne());
    assertEquals(10, ran.get());
    assertEquals(0, pool.queued());
  }

  @Test
  void submit_laneFull_refusesWith429UntilTasksHaveRun() {
    QueueExecutor pool = new QueueExecutor();
    SerialLane lane = new SerialLane(pool, 2);
    CompletableFuture<String> first = lane.submit(() -> "a");
    CompletableFuture<String> second = lane.submit(() -> "b");

    CompletableFuture<String> refused = lane.submit(() -> "c");

    assertEquals(ErrorCode.TOO_MANY_REQUESTS, failure(refused).errorCode());
    pool.runAll();
    assertEquals("a", first.join());
    assertEquals("b", second.join());
    CompletableFuture<String> later = lane.submit(() -> "d");
    pool.runAll();
    assertEquals("d", later.join());
  }

  @Test
  void submitDespiteCapacity_laneFull_isAccepted() {
    QueueExecutor pool = new QueueExecutor();
    SerialLane lane = new SerialLane(pool, 1);
    lane.submit(() -> "a");

    CompletableFuture<String> forced = lane.submitDespiteCapacity(() -> "close");

    assertFalse(forced.isDone());
    pool.runAll();
    assertEquals("close", forced.join());
  }

  @Test
  void submit_poolRejects_failsTaskWith503AndLaneRecovers() {
    QueueExecutor pool = new QueueExecutor();
    pool.reject(true);
    SerialLane lane = new SerialLane(pool, 10);

    CompletableFuture<String> rejected = lane.submit(() -> "a");

    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure(rejected).errorCode());
    pool.reject(false);
    CompletableFuture<String> accepted = lane.submit(() -> "b");
    pool.runAll();
    assertEquals("b", accepted.join());
  }

  @Test
  void drain_poolRejectsNextTurn_failsQueuedTasksWith503InsteadOfHanging() {
    QueueExecutor pool = new QueueExecutor();
    SerialLane lane = new SerialLane(pool, 100);
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int task = i;
      results.add(lane.submit(() -> task));
    }
    pool.reject(true);

    pool.runOne();

    for (int i = 0; i < 8; i++) {
      assertEquals(i, results.get(i).join());
    }
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure(results.get(8)).errorCode());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure(results.get(9)).errorCode());
  }

  @Test
  void submit_taskThrows_failsOnlyThatTask() {
    SerialLane lane = new SerialLane(Runnable::run, 10);
    IllegalStateException boom = new IllegalStateException("boom");

    CompletableFuture<String> failed = lane.submit(() -> {
      throw boom;
    });
    CompletableFuture<String> next = lane.submit(() -> "next");

    CompletionException thrown = assertThrows(CompletionException.class, failed::join);
    assertSame(boom, thrown.getCause());
    assertEquals("next", next.join());
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    assertTrue(future.isCompletedExceptionally(), "expected a failed future");
    CompletionException thrown = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, thrown.getCause());
  }

  @Test
  void submitHereIfIdle_idleLane_runsOnTheCallingThread() {
    QueueExecutor pool = new QueueExecutor();
    SerialLane lane = new SerialLane(pool, 10);

    CompletableFuture<Thread> ran = lane.submitHereIfIdle(Thread::currentThread);

    assertTrue(ran.isDone());
    assertEquals(Thread.currentThread(), ran.join());
    assertEquals(0, pool.queued());
  }

  @Test
  void submitHereIfIdle_taskAlreadyQueued_queuesBehindIt() {
    QueueExecutor pool = new QueueExecutor();
    SerialLane lane = new SerialLane(pool, 10);
    List<String> order = new ArrayList<>();
    lane.submit(() -> order.add("first"));

    CompletableFuture<Boolean> second = lane.submitHereIfIdle(() -> order.add("second"));

    assertFalse(second.isDone());
    pool.runAll();
    assertEquals(List.of("first", "second"), order);
  }

  @Test
  void submitHereIfIdle_taskSubmitsAnother_theOtherRunsOnThePoolAfterIt() {
    QueueExecutor pool = new QueueExecutor();
    SerialLane lane = new SerialLane(pool, 10);
    List<CompletableFuture<String>> later = new ArrayList<>();

    lane.submitHereIfIdle(() -> later.add(lane.submit(() -> "later")));

    assertFalse(later.get(0).isDone());
    assertEquals(1, pool.queued());
    pool.runAll();
    assertEquals("later", later.get(0).join());
    assertTrue(lane.submitHereIfIdle(() -> "idle again").isDone());
  }
}
