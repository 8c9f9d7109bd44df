package dev.kafkarest.core.consumer;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** A pool that only queues; the test runs the queued work when it chooses. It can be told to reject. */
final class QueueExecutor implements Executor {
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private int maxQueued;
  private boolean rejecting;

  @Override
  public synchronized void execute(Runnable command) {
    if (rejecting) {
      throw new RejectedExecutionException("pool is shut down");
    }
    queue.add(command);
    maxQueued = Math.max(maxQueued, queue.size());
  }

  /** Runs the oldest queued runnable; {@return whether there was one} */
  boolean runOne() {
    Runnable next;
    synchronized (this) {
      next = queue.poll();
    }
    if (next == null) {
      return false;
    }
    next.run();
    return true;
  }

  /** Runs queued work, including work queued meanwhile, until none is left. */
  void runAll() {
    while (runOne()) {
      // keep going
    }
  }

  synchronized int queued() {
    return queue.size();
  }

  synchronized int maxQueued() {
    return maxQueued;
  }

  synchronized void reject(boolean reject) {
    this.rejecting = reject;
  }
}
