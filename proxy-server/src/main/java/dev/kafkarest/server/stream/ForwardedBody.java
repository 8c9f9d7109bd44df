package dev.kafkarest.server.stream;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a body another node sends (a forwarded call's answer) to this node's client as it arrives, with no thread
 * waiting on either side: the owner is asked for its next piece only once the client's socket took the last one
 * (the HTTP client's {@link Flow} back-pressure), so at most one piece is held here.
 *
 * <p>A client that takes nothing for the write timeout ({@link WriteProgress}, counted from when it had something
 * to take) has its connection closed, and the owner's answer is cancelled; so is the owner's answer of a client
 * that goes away. An owner that fails mid-body closes the client's connection, so the client sees a cut answer,
 * never a shorter one that looks whole.
 *
 * <p>Steps (a piece arriving, the socket draining, the owner's end, a tick) run on the executor, one at a time.
 */
final class ForwardedBody implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardedBody.class);

  private final StreamSink<byte[]> sink;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final long writeTimeoutNanos;
  private final WriteProgress progress;
  /** The socket's call-back once it drains: the next relay step. */
  private final Runnable relayWhenWritable = () -> step(this::relay);
  private Runnable whenClosed = () -> {};
  private Flow.@Nullable Subscription subscription;
  /** The piece the client's socket has not taken yet. */
  private byte @Nullable [] pending;
  /** Whether the owner sent its whole body. */
  private boolean ownerDone;
  private boolean closed;
  private @Nullable Future<?> tick;

  /**
   * @param writeTimeoutNanos how long the client may take nothing of what it was sent before its connection is
   *     closed
   * @param queuedBytes bytes in the client connection's send queue
   */
  ForwardedBody(StreamSink<byte[]> sink, Executor executor, Scheduler scheduler, Ticker ticker, long writeTimeoutNanos,
      LongSupplier queuedBytes) {
    this.sink = sink;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.writeTimeoutNanos = writeTimeoutNanos;
    this.progress = new WriteProgress(queuedBytes, ticker.read());
  }

  /**
   * Starts watching the client; subscribe to the owner's body next.
   *
   * @param whenClosed runs once, when the response is closed: the whole body relayed, or the connection closed
   */
  void start(Runnable whenClosed) {
    synchronized (this) {
      this.whenClosed = whenClosed;
      scheduleTick(writeTimeoutNanos);
    }
    sink.onDisconnect(() -> step(this::clientGone));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    boolean cancel;
    synchronized (this) {
      this.subscription = subscription;
      cancel = closed;
    }
    if (cancel) {
      subscription.cancel();
    } else {
      subscription.request(1);
    }
  }

  /**
   * A piece of the owner's body. Recorded here, in the owner's order, and written by a step: two steps may run on
   * two threads, so a step that took the piece and one that took the end must not race each other.
   */
  @Override
  public void onNext(List<ByteBuffer> buffers) {
    byte[] piece = toBytes(buffers);
    synchronized (this) {
      if (closed) {
        return;
      }
      if (piece.length == 0) {
        // Written as a chunk, nothing would end the response early.
        requestNext();
        return;
      }
      // Until now the client was waiting for the owner, not the other way round.
      progress.wrote(ticker.read());
      pending = piece;
    }
    step(this::relay);
  }

  @Override
  public void onError(Throwable error) {
    step(() -> ownerFailed(error));
  }

  /** The owner's end, recorded after its last piece (see {@link #onNext}); the response ends once that is written. */
  @Override
  public void onComplete() {
    synchronized (this) {
      if (closed) {
        return;
      }
      ownerDone = true;
      if (pending == null) {
        progress.wrote(ticker.read());
      }
    }
    step(this::relay);
  }

  /** Writes the pending piece when the socket can take it, then asks for the next; ends once the owner is done. */
  private synchronized void relay() {
    if (closed || !sink.writable(relayWhenWritable)) {
      return;
    }
    byte[] piece = pending;
    if (piece != null) {
      pending = null;
      try {
        sink.write(piece);
      } catch (IOException | RuntimeException e) {
        LOG.debug("Forwarded answer not relayed: its client's connection failed: {}", e.toString());
        fail();
        return;
      }
      progress.wrote(ticker.read());
      if (!ownerDone) {
        requestNext();
        return;
      }
    }
    if (ownerDone && sink.writable(relayWhenWritable)) {
      close(false);
    }
  }

  private void requestNext() {
    Flow.Subscription owner = subscription;
    if (owner != null) {
      owner.request(1);
    }
  }

  private synchronized void ownerFailed(Throwable error) {
    if (closed) {
      return;
    }
    LOG.debug("The owner's answer broke off; closing the client's connection: {}", error.toString());
    close(true);
  }

  private synchronized void clientGone() {
    if (!closed) {
      LOG.debug("The client of a forwarded answer went away");
      fail();
    }
  }

  private synchronized void tick() {
    tick = null;
    if (closed) {
      return;
    }
    long now = ticker.read();
    long stalled = 0;
    if (pending == null && !ownerDone) {
      // Waiting for the owner: the client owes nothing.
      progress.wrote(now);
    } else {
      stalled = progress.stalledFor(now);
      if (stalled >= writeTimeoutNanos) {
        LOG.debug("Closing a connection whose client took nothing of a forwarded answer for the write timeout");
        fail();
        return;
      }
    }
    scheduleTick(writeTimeoutNanos - stalled);
  }

  /** Cancels the owner's answer and closes the client's connection. */
  private void fail() {
    close(true);
  }

  private void close(boolean abort) {
    if (closed) {
      return;
    }
    closed = true;
    pending = null;
    Future<?> pendingTick = tick;
    if (pendingTick != null) {
      pendingTick.cancel(false);
      tick = null;
    }
    Flow.Subscription owner = subscription;
    if (abort && owner != null) {
      owner.cancel();
    }
    if (abort) {
      sink.abort();
    }
    sink.close();
    whenClosed.run();
  }

  private void scheduleTick(long delayNanos) {
    tick = scheduler.schedule(executor, this::tick, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void step(Runnable step) {
    try {
      executor.execute(step);
    } catch (RejectedExecutionException e) {
      step.run();
    }
  }

  private static byte[] toBytes(List<ByteBuffer> buffers) {
    int size = 0;
    for (ByteBuffer buffer : buffers) {
      size += buffer.remaining();
    }
    byte[] bytes = new byte[size];
    int at = 0;
    for (ByteBuffer buffer : buffers) {
      int length = buffer.remaining();
      buffer.get(bytes, at, length);
      at += length;
    }
    return bytes;
  }
}
