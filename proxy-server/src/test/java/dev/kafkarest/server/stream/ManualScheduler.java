package dev.kafkarest.server.stream;

import com.github.benmanes.caffeine.cache.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/** A scheduler and ticker whose time moves when the test says so: due tasks run in {@link #advance}. */
final class ManualScheduler implements Scheduler {
  private final List<FutureTask<?>> tasks = new ArrayList<>();
  private final List<Long> due = new ArrayList<>();
  private long now;

  long now() {
    return now;
  }

  @Override
  public Future<?> schedule(Executor executor, Runnable command, long delay, TimeUnit unit) {
    FutureTask<?> task = new FutureTask<>(() -> executor.execute(command), null);
    tasks.add(task);
    due.add(now + unit.toNanos(delay));
    return task;
  }

  void advance(long nanos) {
    now += nanos;
    boolean ran = true;
    while (ran) {
      ran = false;
      for (int i = 0; i < tasks.size(); i++) {
        if (due.get(i) <= now) {
          FutureTask<?> task = tasks.remove(i);
          due.remove(i);
          task.run();
          ran = true;
          break;
        }
      }
    }
  }
}
