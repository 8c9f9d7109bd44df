package dev.kafkarest.server.stream;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.consumer.RecordsBody;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one finished records body to its connection chunk by chunk, each when the socket can take it
 * ({@link StreamSink#writable}), so a client that reads slowly or not at all holds no thread: the body is a
 * stream that ends. The chunks are the body's own ({@link RecordsBody#writeChunk}), handed over without a copy;
 * Grizzly copies what the socket did not take at once into its send queue, and the pump lets go of the body once
 * it is all handed over.
 *
 * <p>A timer enforces the write timeout: when the client took nothing for that long (no chunk went through, and
 * the connection's send queue, {@code queuedBytes}, did not shrink: {@link WriteProgress}, as a stream measures
 * it), the connection is closed. Once the whole body is handed over and the response closed, the timer watches the
 * send queue the same way until it is empty, since a connection whose write stays pending is otherwise never
 * closed for being idle. Then the pump is done: its bytes leave the {@link SlowReaderBudget}.
 *
 * <p>Steps (a socket's call-back, a chunk written later by Jersey, a tick) run on the response executor, one at
 * a time; chunks Jersey writes at once follow one another within one step.
 */
final class BodyPump {
  private static final Logger LOG = LoggerFactory.getLogger(BodyPump.class);
  /** Longest pause between two looks at the send queue once the body is handed over. */
  private static final long DRAIN_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The body until it is all handed over: Grizzly keeps none of its arrays once a write returns. */
  private @Nullable RecordsBody body;
  private final long size;
  private final StreamSink<BodyChunk> sink;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final long timeoutNanos;
  private final LongSupplier queuedBytes;
  private final SlowReaderBudget budget;
  private Runnable whenClosed = () -> {};
  private Runnable beforeClose = () -> {};
  private int next;
  private boolean writing;
  /** Between handing a chunk to the sink and its return: a chunk written meanwhile needs no wake-up. */
  private boolean handingOver;
  private boolean waiting;
  private boolean closed;
  private boolean done;
  /** Chunks taken, or the send queue shrinking: what keeps the connection from the write timeout. */
  private final WriteProgress progress;
  private @Nullable Future<?> tick;

  /**
   * @param timeoutNanos how long the connection may take no chunk (or, at the end, drain nothing)
   * @param queuedBytes bytes in the connection's send queue
   * @param budget counts the body from its admission ({@link SlowReaderBudget#admit}) until the pump is done
   */
  BodyPump(RecordsBody body, StreamSink<BodyChunk> sink, Executor executor, Scheduler scheduler, Ticker ticker,
      long timeoutNanos, LongSupplier queuedBytes, SlowReaderBudget budget) {
    this.body = body;
    this.size = body.size();
    this.sink = sink;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.timeoutNanos = timeoutNanos;
    this.queuedBytes = queuedBytes;
    this.budget = budget;
    this.progress = new WriteProgress(queuedBytes, ticker.read());
  }

  /** {@return the body's length in bytes} */
  long size() {
    return size;
  }

  /**
   * Starts handing the body over, and the timer.
   *
   * @param beforeClose runs once, just before the response is closed (after which the connection may serve its
   *     next request)
   * @param whenClosed runs once, when the response is closed: the whole body handed over, or the connection
   *     closed
   */
  void start(Runnable beforeClose, Runnable whenClosed) {
    synchronized (this) {
      this.beforeClose = beforeClose;
      this.whenClosed = whenClosed;
      progress.wrote(ticker.read());
      scheduleTick(timeoutNanos);
    }
    sink.onDisconnect(() -> step(this::disconnected));
    pump();
  }

  /**
   * {@return when the client last took something (ticker time): a chunk, or some of the send queue}, if the pump
   *     now waits for its client, else null
   */
  synchronized @Nullable Long stalledSince() {
    if (done || writing || (!closed && !waiting)) {
      return null;
    }
    long now = ticker.read();
    long since = now - progress.stalledFor(now);
    return !closed || queuedBytes.getAsLong() > 0 ? since : null;
  }

  /** Closes the connection and ends the pump; for the budget, which needs its bytes back. */
  void abort() {
    synchronized (this) {
      if (done) {
        return;
      }
      LOG.debug("Closing the connection of a {}-byte answer: slow readers hold the whole budget", size);
    }
    fail();
  }

  /** {@return whether the pump is done} */
  synchronized boolean done() {
    return done;
  }

  /**
   * Hands chunks over while the socket can take them. A chunk Jersey writes at once, on this thread, is followed
   * by the next one here; one it writes later, on its own thread, wakes the pump when it is written.
   */
  private void pump() {
    while (true) {
      @Nullable BodyChunk chunk;
      synchronized (this) {
        if (done || writing || closed) {
          return;
        }
        waiting = true;
        if (!sink.writable(this::wake)) {
          return;
        }
        waiting = false;
        RecordsBody all = body;
        if (all != null && next < all.chunkCount()) {
          writing = true;
          handingOver = true;
          chunk = new BodyChunk(all, next++, this::chunkWritten);
        } else {
          // Everything is handed over: closing ends the response; the timer now watches the send queue drain.
          closed = true;
          body = null;
          closeSink();
          progress.wrote(ticker.read());
          reschedule(Math.min(timeoutNanos, DRAIN_TICK_NANOS));
          chunk = null;
        }
      }
      if (chunk == null) {
        closedNow();
        return;
      }
      // Outside the lock: Jersey may write the chunk on this thread, holding its own lock, or later on its own.
      try {
        sink.write(chunk);
      } catch (IOException | RuntimeException e) {
        LOG.debug("Answer not sent: its connection failed: {}", e.toString());
        fail();
        return;
      }
      synchronized (this) {
        handingOver = false;
        if (writing) {
          return; // written later: chunkWritten wakes the pump
        }
      }
    }
  }

  private void chunkWritten() {
    boolean wake;
    synchronized (this) {
      writing = false;
      progress.wrote(ticker.read());
      wake = !handingOver;
    }
    if (wake) {
      wake();
    }
  }

  private void tick() {
    boolean drained = false;
    synchronized (this) {
      tick = null;
      if (done) {
        return;
      }
      if (closed && queuedBytes.getAsLong() <= 0) {
        done = true;
        drained = true;
      } else {
        long left = timeoutNanos - progress.stalledFor(ticker.read());
        if (left > 0) {
          scheduleTick(closed ? Math.min(left, DRAIN_TICK_NANOS) : left);
          return;
        }
        LOG.debug("Closing a connection whose client read nothing of its answer for the write timeout");
      }
    }
    if (drained) {
      budget.release(this);
    } else {
      fail();
    }
  }

  private void disconnected() {
    synchronized (this) {
      if (done) {
        return;
      }
    }
    LOG.debug("Answer not sent: its client closed the connection");
    fail();
  }

  /** Closes the connection and the response, then is done. */
  private void fail() {
    sink.abort();
    closeSink();
    boolean reportClose;
    synchronized (this) {
      if (done) {
        return;
      }
      reportClose = !closed;
      closed = true;
      done = true;
      body = null;
      Future<?> pending = tick;
      if (pending != null) {
        pending.cancel(false);
      }
      tick = null;
    }
    // Outside the lock: the budget calls back into pumps under its own.
    if (reportClose) {
      closedNow();
    }
    budget.release(this);
  }

  /** Runs {@code beforeClose} (once), then closes the response. */
  private void closeSink() {
    Runnable before;
    synchronized (this) {
      before = beforeClose;
      beforeClose = () -> {};
    }
    before.run();
    sink.close();
  }

  private void closedNow() {
    Runnable closed;
    synchronized (this) {
      closed = whenClosed;
    }
    closed.run();
  }

  private void wake() {
    step(this::pump);
  }

  private void reschedule(long delayNanos) {
    Future<?> pending = tick;
    if (pending != null) {
      pending.cancel(false);
    }
    scheduleTick(delayNanos);
  }

  private void scheduleTick(long delayNanos) {
    // Handed over by the scheduler's own thread: a full executor would make the scheduler drop it (see step).
    tick = scheduler.schedule(Runnable::run, () -> step(this::tick), Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
  }

  /** Runs a step on the response executor, or here when its queue is full. */
  private void step(Runnable step) {
    try {
      executor.execute(step);
    } catch (RejectedExecutionException e) {
      step.run();
    }
  }
}
