package dev.kafkarest.server.stream;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * waiting on either side. While the client's socket takes what it is given, the owner is asked for its next piece
 * (the HTTP client's {@link Flow} back-pressure) as soon as the last arrives, up to {@link #READ_AHEAD_BYTES}
 * waiting here, so the next piece is on its way while the last is written; the pieces waiting are written
 * together. Once the socket is full, the owner is asked for nothing more until it drains: a slow client holds at
 * most what the socket did not take.
 *
 * <p>A client that takes nothing for the write timeout ({@link WriteProgress}, counted from when it had something
 * to take) has its connection closed, and the owner's answer is cancelled; so is the owner's answer of a client
 * that goes away. An owner that fails mid-body closes the client's connection, so the client sees a cut answer,
 * never a shorter one that looks whole. Once the whole body is handed over and the response closed, the tick
 * watches the connection's send queue the same way until it is empty: a client that stops reading then would
 * otherwise keep its connection, and what waits in the queue, for ever.
 *
 * <p>Steps (a piece arriving, the socket draining, the owner's end, a tick) run on the executor, one at a time.
 */
final class ForwardedBody implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardedBody.class);
  /** The most bytes of the owner's body held here, less one piece, while the client keeps up. */
  static final int READ_AHEAD_BYTES = 64 * 1024;
  /** Longest pause between two looks at the send queue once the body is handed over. */
  private static final long DRAIN_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final StreamSink<byte[]> sink;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final long writeTimeoutNanos;
  private final long ownerTimeoutNanos;
  private final LongSupplier queuedBytes;
  private final WriteProgress progress;
  /** The socket's call-back once it drains: the next relay step. */
  private final Runnable relayWhenWritable = () -> step(this::relay);
  private Runnable whenClosed = () -> {};
  private Flow.@Nullable Subscription subscription;
  /** The pieces the client's socket has not taken yet, in the owner's order. */
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
  private int pendingBytes;
  /** Whether the owner was asked for a piece it has not sent yet. */
  private boolean asked;
  /** Whether the owner sent its whole body. */
  private boolean ownerDone;
  private boolean closed;
  /** Whether the response is closed and its last bytes still wait in the connection's send queue. */
  private boolean draining;
  private @Nullable Future<?> tick;
  /** Ticker reading of the owner's last piece, or of the start before the first. */
  private long lastFromOwner;

  /**
   * @param writeTimeoutNanos how long the client may take nothing of what it was sent before its connection is
   *     closed
   * @param ownerTimeoutNanos how long the owner may send nothing while the client waits for more before the
   *     client's connection is closed (cut off, so the client cannot take it for a whole answer)
   * @param queuedBytes bytes in the client connection's send queue
   */
  ForwardedBody(StreamSink<byte[]> sink, Executor executor, Scheduler scheduler, Ticker ticker, long writeTimeoutNanos,
      long ownerTimeoutNanos, LongSupplier queuedBytes) {
    this.sink = sink;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.writeTimeoutNanos = writeTimeoutNanos;
    this.ownerTimeoutNanos = ownerTimeoutNanos;
    this.lastFromOwner = ticker.read();
    this.queuedBytes = queuedBytes;
    this.progress = new WriteProgress(queuedBytes, lastFromOwner);
  }

  /**
   * Starts watching the client; subscribe to the owner's body next.
   *
   * @param whenClosed runs once, when the response is closed: the whole body relayed, or the connection closed
   */
  void start(Runnable whenClosed) {
    synchronized (this) {
      this.whenClosed = whenClosed;
      scheduleTick(Math.min(writeTimeoutNanos, ownerTimeoutNanos));
    }
    sink.onDisconnect(() -> step(this::clientGone));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    boolean cancel;
    synchronized (this) {
      this.subscription = subscription;
      cancel = closed;
      asked = !cancel;
    }
    if (cancel) {
      subscription.cancel();
    } else {
      askOwner();
    }
  }

  /**
   * A piece of the owner's body. Recorded here, in the owner's order, and written by a step: two steps may run on
   * two threads, so a step that took the piece and one that took the end must not race each other.
   */
  @Override
  public void onNext(List<ByteBuffer> buffers) {
    byte[] piece = toBytes(buffers);
    boolean askAgain;
    synchronized (this) {
      if (closed) {
        return;
      }
      asked = false;
      lastFromOwner = ticker.read();
      // An empty piece is not kept: written as a chunk, nothing would end the response early.
      if (piece.length > 0) {
        if (pending.isEmpty()) {
          // Until now the client was waiting for the owner, not the other way round.
          progress.wrote(ticker.read());
        }
        pending.add(piece);
        pendingBytes += piece.length;
      }
      askAgain = takeRoomToAsk();
    }
    // Outside the lock: the owner may send the next piece from within the request.
    if (askAgain) {
      askOwner();
    }
    if (piece.length > 0) {
      step(this::relay);
    }
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
      if (pending.isEmpty()) {
        progress.wrote(ticker.read());
      }
    }
    step(this::relay);
  }

  /**
   * Writes the pending pieces, as one, when the socket can take them, and asks the owner for more if it had
   * stopped for lack of room; ends once the owner is done and all it sent is written.
   */
  private void relay() {
    boolean askAgain;
    synchronized (this) {
      if (closed || !sink.writable(relayWhenWritable)) {
        return;
      }
      if (!pending.isEmpty()) {
        byte[] pieces = drainPending();
        try {
          sink.write(pieces);
        } catch (IOException | RuntimeException e) {
          LOG.debug("Forwarded answer not relayed: its client's connection failed: {}", e.toString());
          fail();
          return;
        }
        progress.wrote(ticker.read());
      }
      if (ownerDone) {
        if (sink.writable(relayWhenWritable)) {
          close(false);
        }
        return;
      }
      askAgain = takeRoomToAsk();
    }
    if (askAgain) {
      askOwner();
    }
  }

  /**
   * {@return whether to ask the owner for a piece}: none is asked for yet, and there is room for one (nothing
   *     waits, or the socket takes more and less than the read-ahead waits); if so, it is
   */
  private boolean takeRoomToAsk() {
    if (asked || ownerDone || closed || pendingBytes >= READ_AHEAD_BYTES
        || (!pending.isEmpty() && !sink.writableNow())) {
      return false;
    }
    asked = true;
    return true;
  }

  private void askOwner() {
    Flow.Subscription owner = subscription;
    if (owner != null) {
      owner.request(1);
    }
  }

  /** {@return the pending pieces as one, taken} */
  private byte[] drainPending() {
    byte[] all = pending.size() == 1 ? pending.remove() : new byte[pendingBytes];
    for (int at = 0; !pending.isEmpty(); ) {
      byte[] piece = pending.remove();
      System.arraycopy(piece, 0, all, at, piece.length);
      at += piece.length;
    }
    pendingBytes = 0;
    return all;
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
      if (draining) {
        watchDrain();
      }
      return;
    }
    long now = ticker.read();
    long next;
    if (pending.isEmpty() && !ownerDone) {
      // Waiting for the owner: the client owes nothing, but the owner may have stopped (its host frozen, the network
      // cut), and the HTTP client's own timeout ended with the head.
      progress.wrote(now);
      long silent = now - lastFromOwner;
      if (silent >= ownerTimeoutNanos) {
        LOG.debug("Closing a connection whose forwarded answer's owner sent nothing for the forward timeout");
        fail();
        return;
      }
      next = Math.min(writeTimeoutNanos, ownerTimeoutNanos - silent);
    } else {
      long stalled = progress.stalledFor(now);
      if (stalled >= writeTimeoutNanos) {
        LOG.debug("Closing a connection whose client took nothing of a forwarded answer for the write timeout");
        fail();
        return;
      }
      next = writeTimeoutNanos - stalled;
    }
    scheduleTick(next);
  }

  /** The response is closed: closes the connection if the client took nothing of its last bytes for the timeout. */
  private void watchDrain() {
    if (queuedBytes.getAsLong() <= 0) {
      draining = false;
      return;
    }
    long left = writeTimeoutNanos - progress.stalledFor(ticker.read());
    if (left > 0) {
      scheduleTick(Math.min(left, DRAIN_TICK_NANOS));
      return;
    }
    LOG.debug("Closing a connection whose client took nothing of a forwarded answer's end for the write timeout");
    draining = false;
    sink.abort();
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
    pending.clear();
    pendingBytes = 0;
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
    if (!abort && queuedBytes.getAsLong() > 0) {
      draining = true;
      scheduleTick(Math.min(writeTimeoutNanos, DRAIN_TICK_NANOS));
    }
  }

  private void scheduleTick(long delayNanos) {
    // The scheduler's own thread hands the tick over: a full executor would make the scheduler drop it silently,
    // and with it every later tick.
    tick = scheduler.schedule(Runnable::run, () -> step(this::tick), delayNanos, TimeUnit.NANOSECONDS);
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
