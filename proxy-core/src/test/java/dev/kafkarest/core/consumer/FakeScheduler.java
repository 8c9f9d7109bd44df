package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A Caffeine scheduler on a {@link FakeTicker}: it records what is scheduled, with its delay, and runs a
 * task only when {@link #advance} moves the ticker to its due time. Cancelled tasks never run.
 */
final class FakeScheduler implements Scheduler {
  private record Scheduled(long dueAt, long sequence, Executor executor, Runnable command,
      CompletableFuture<Void> future) {}

  private final FakeTicker ticker;
  private final List<Scheduled> pending = new ArrayList<>();
  private final List<Long> requestedDelays = new ArrayList<>();
  private long sequence;

  FakeScheduler(FakeTicker ticker) {
    this.ticker = ticker;
  }

  @Override
  public synchronized Future<?> schedule(Executor executor, Runnable command, long delay, TimeUnit unit) {
    long nanos = unit.toNanos(delay);
    CompletableFuture<Void> future = new CompletableFuture<>();
    pending.add(new Scheduled(ticker.read() + Math.max(0, nanos), sequence++, executor, command, future));
    requestedDelays.add(nanos);
    return future;
  }

  /**
   * Moves time on by {@code duration}, running every task that falls due on the way, each at its due
   * time and in due order (including tasks scheduled by the tasks it runs).
   */
  void advance(Duration duration) {
    long target = ticker.read() + duration.toNanos();
    while (true) {
      Scheduled next;
      synchronized (this) {
        next = pending.stream()
            .filter(task -> task.dueAt() - target <= 0)
            .min(Comparator.comparingLong(Scheduled::dueAt).thenComparingLong(Scheduled::sequence))
            .orElse(null);
        if (next == null) {
          break;
        }
        pending.remove(next);
      }
      if (next.dueAt() - ticker.read() > 0) {
        ticker.set(next.dueAt());
      }
      if (!next.future().isDone()) {
        next.executor().execute(next.command());
        next.future().complete(null);
      }
    }
    ticker.set(target);
  }

  /** {@return every delay asked for so far, in nanoseconds} */
  synchronized List<Long> requestedDelays() {
    return List.copyOf(requestedDelays);
  }
}
