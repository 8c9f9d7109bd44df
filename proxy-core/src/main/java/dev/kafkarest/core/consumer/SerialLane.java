package dev.kafkarest.core.consumer;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: a {@code KafkaConsumer}'s
 * single-threaded discipline without a thread of its own. The lane occupies at most one pool slot and
 * gives it back after a few tasks, so that a busy lane cannot starve the others. At most
 * {@code capacity} tasks wait; more are refused with 429. If the pool refuses work (it is shutting
 * down), waiting tasks fail with 503.
 */
final class SerialLane {
  private static final int TASKS_PER_TURN = 8;

  private final Executor pool;
  private final int capacity;
  private final ArrayDeque<Task<?>> tasks = new ArrayDeque<>();
  private boolean scheduled;

  SerialLane(Executor pool, int capacity) {
    this.pool = pool;
    this.capacity = capacity;
  }

  /** {@return a future of the task's result}; the task runs after every task submitted before it */
  <T> CompletableFuture<T> submit(Callable<T> work) {
    return submit(work, true);
  }

  /**
   * Like {@link #submit}, but never refused for a full lane: for the one task that must run whatever
   * the load, closing the consumer (a refused close would leak it).
   */
  <T> CompletableFuture<T> submitDespiteCapacity(Callable<T> work) {
    return submit(work, false);
  }

  /**
   * Runs the task on the calling thread when the lane is idle (nothing running or queued), else queues it as
   * {@link #submitDespiteCapacity} does (it is the later step of an operation the lane admitted): a task that does
   * not block then costs no hand-off to a pool thread and back. Tasks submitted while it runs queue behind it and
   * go to the pool.
   *
   * {@return a future of the task's result, complete when it ran here}
   */
  <T> CompletableFuture<T> submitHereIfIdle(Callable<T> work) {
    synchronized (this) {
      if (scheduled) {
        return submit(work, false);
      }
      scheduled = true;
    }
    Task<T> task = new Task<>(work, new CompletableFuture<>());
    task.run();
    synchronized (this) {
      if (tasks.isEmpty()) {
        scheduled = false;
        return task.result;
      }
    }
    dispatch();
    return task.result;
  }

  private <T> CompletableFuture<T> submit(Callable<T> work, boolean bounded) {
    Task<T> task = new Task<>(work, new CompletableFuture<>());
    synchronized (this) {
      if (bounded && tasks.size() >= capacity) {
        return CompletableFuture.failedFuture(new ProxyException(ErrorCode.TOO_MANY_REQUESTS,
            "Too many operations pending on this consumer instance (limit " + capacity + ")."));
      }
      tasks.add(task);
      if (scheduled) {
        return task.result;
      }
      scheduled = true;
    }
    dispatch();
    return task.result;
  }

  private void dispatch() {
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      List<Task<?>> dropped;
      synchronized (this) {
        dropped = new ArrayList<>(tasks);
        tasks.clear();
        scheduled = false;
      }
      ProxyException unavailable = new ProxyException(ErrorCode.SERVICE_UNAVAILABLE, "The proxy is shutting down.");
      dropped.forEach(task -> task.result.completeExceptionally(unavailable));
    }
  }

  private void drain() {
    for (int i = 0; i < TASKS_PER_TURN; i++) {
      Task<?> next;
      synchronized (this) {
        next = tasks.poll();
        if (next == null) {
          scheduled = false;
          return;
        }
      }
      next.run();
    }
    synchronized (this) {
      if (tasks.isEmpty()) {
        scheduled = false;
        return;
      }
    }
    dispatch();
  }

  private record Task<T>(Callable<T> work, CompletableFuture<T> result) {
    void run() {
      try {
        result.complete(work.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }
  }
}
