package dev.kafkarest.core.consumer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Which record stream of an instance may read: the newest one. A client that lost its stream reconnects, often at
 * once, before this node notices the old connection is gone; the new stream may seek back (its {@code
 * Last-Event-ID}) while the old one still reads. Each attempt of an old stream's read runs on the instance's lane
 * and checks its turn first, so after the new stream's seek (queued after the turn passed) an old read takes no
 * record: nothing goes to a connection nobody reads, to count as consumed and be committed.
 */
public final class StreamTurns {
  private final AtomicLong newest = new AtomicLong();
  private final Runnable wakeWaitingRead;

  /** @param wakeWaitingRead ends the wait of the read waiting for records, so an old stream's read answers at once */
  StreamTurns(Runnable wakeWaitingRead) {
    this.wakeWaitingRead = wakeWaitingRead;
  }

  /** {@return the turn of a new stream, which ends every earlier stream's turn} */
  public BooleanSupplier take() {
    long turn = newest.incrementAndGet();
    wakeWaitingRead.run();
    return () -> newest.get() == turn;
  }
}
