package dev.kafkarest.server.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.consumer.RecordsBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BodyPumpTest {
  private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);
  private static final int SIZE = 1_000_000;

  private final ManualScheduler scheduler = new ManualScheduler();
  private final AtomicInteger steps = new AtomicInteger();
  /** Runs each step at once, counting them. */
  private final Executor direct = command -> {
    steps.incrementAndGet();
    command.run();
  };
  private final AtomicLong queued = new AtomicLong();
  private final AtomicInteger responseCloses = new AtomicInteger();
  private final SlowReaderBudget budget = new SlowReaderBudget(10 * SIZE);
  private final byte[] content = pattern(SIZE);

  private BodyPump pump(FakeSink sink) {
    return new BodyPump(body(content), sink, direct, scheduler, scheduler::now, TIMEOUT, queued::get, budget);
  }

  private BodyPump started(FakeSink sink) {
    BodyPump pump = pump(sink);
    assertTrue(budget.admit(pump));
    pump.start(() -> {}, responseCloses::incrementAndGet);
    return pump;
  }

  @Test
  void start_readerKeepsUp_handsEveryChunkInOrderThenClosesTheResponse() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    started(sink);

    assertArrayEquals(content, sink.written.toByteArray());
    assertTrue(sink.closed);
    assertEquals(1, responseCloses.get());
    assertEquals(0, sink.aborts);
  }

  @Test
  void start_eachChunkWrittenAtOnce_handsTheWholeBodyOverInOneStep() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    BodyPump pump = pump(sink);
    assertTrue(budget.admit(pump));
    assertTrue(body(content).chunkCount() > 3, "a body of several chunks");

    pump.start(() -> {}, responseCloses::incrementAndGet);

    assertArrayEquals(content, sink.written.toByteArray());
    assertEquals(0, steps.get(), "no hand-off to the executor between chunks");
    assertEquals(1, responseCloses.get());
  }

  @Test
  void chunkWrittenLater_wakesThePumpForTheNextOnTheExecutor() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    sink.holdWrites = true; // Jersey writes each chunk later, on its own thread
    started(sink);
    assertEquals(1, sink.writes);

    sink.writeHeld();

    assertEquals(2, sink.writes, "the next chunk follows once the first is written");
    assertEquals(1, steps.get(), "through one step on the executor");
  }

  @Test
  void start_readerStopsReading_waitsWithoutWritingMore() {
    FakeSink sink = new FakeSink(1);
    BodyPump pump = started(sink);

    assertEquals(1, sink.writes);
    assertFalse(sink.closed);
    assertTrue(sink.callback != null, "the pump waits for the socket's call-back, not on a thread");
    assertEquals(Long.valueOf(0), pump.stalledSince(), "stalled since its last chunk");
  }

  @Test
  void drain_readerResumes_handsTheRest() {
    FakeSink sink = new FakeSink(1);
    started(sink);

    sink.drain();

    assertArrayEquals(content, sink.written.toByteArray());
    assertEquals(1, responseCloses.get());
  }

  @Test
  void tick_nothingTakenForTheWriteTimeout_closesTheConnection() {
    FakeSink sink = new FakeSink(1);
    BodyPump pump = started(sink);

    scheduler.advance(TIMEOUT - 1);
    assertEquals(0, sink.aborts, "not before the write timeout");
    scheduler.advance(1);

    assertEquals(1, sink.aborts);
    assertTrue(sink.closed);
    assertEquals(1, responseCloses.get());
    assertTrue(pump.done());
    assertEquals(0, budget.bytes());
  }

  @Test
  void tick_executorFull_theTickRunsAllTheSame() {
    FakeSink sink = new FakeSink(1);
    // The response pool refuses every task: a tick handed to it through the scheduler would be dropped for good.
    BodyPump pump = new BodyPump(body(content), sink, task -> {
      throw new RejectedExecutionException("full");
    }, scheduler, scheduler::now, TIMEOUT, queued::get, budget);
    assertTrue(budget.admit(pump));
    pump.start(() -> {}, responseCloses::incrementAndGet);

    scheduler.advance(TIMEOUT);

    assertEquals(1, sink.aborts, "the client that took nothing is cut off");
  }

  @Test
  void tick_progressWithinTheTimeout_keepsTheConnection() {
    FakeSink sink = new FakeSink(1);
    started(sink);

    scheduler.advance(TIMEOUT - 10);
    sink.drain(1); // one more chunk, then full again
    scheduler.advance(20);

    assertEquals(0, sink.aborts);
    assertEquals(1, sink.writes);
    assertFalse(sink.closed);
  }

  @Test
  void tick_clientReadsSlowlyWhileTheSocketStaysFull_keepsTheConnection() {
    FakeSink sink = new FakeSink(1);
    queued.set(500_000);
    started(sink);

    scheduler.advance(TIMEOUT / 2);
    queued.set(450_000); // the client takes some of the queue, not enough for the socket to take the next chunk
    scheduler.advance(TIMEOUT / 2 + 1);
    assertEquals(0, sink.aborts, "a client that reads slowly keeps its connection");
    scheduler.advance(TIMEOUT);

    assertEquals(1, sink.aborts, "then it took nothing for the write timeout");
  }

  @Test
  void tick_sendQueueStaysFullAfterTheLastChunk_closesTheConnection() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    queued.set(500_000);
    BodyPump pump = started(sink);
    assertEquals(SIZE, budget.bytes(), "counted while its bytes wait in the send queue");

    scheduler.advance(TimeUnit.SECONDS.toNanos(1));
    queued.set(400_000);
    scheduler.advance(TimeUnit.SECONDS.toNanos(1));
    assertEquals(0, sink.aborts, "the queue drains");
    scheduler.advance(TIMEOUT);

    assertEquals(1, sink.aborts);
    assertEquals(1, responseCloses.get(), "the response was closed once");
    assertTrue(pump.done());
    assertEquals(0, budget.bytes());
  }

  @Test
  void stalledSince_afterHandOver_isWhenTheSendQueueLastShrank() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    queued.set(500_000);
    BodyPump pump = started(sink);

    scheduler.advance(TimeUnit.SECONDS.toNanos(1));
    assertEquals(Long.valueOf(0), pump.stalledSince(), "a client that read nothing made no progress");

    scheduler.advance(TimeUnit.MILLISECONDS.toNanos(300));
    queued.set(400_000);
    assertEquals(Long.valueOf(TimeUnit.MILLISECONDS.toNanos(1300)), pump.stalledSince(),
        "a client that reads is seen at once, not at the next tick");
  }

  @Test
  void start_wholeBodyHandedOver_runsBeforeCloseOnceBeforeTheResponseCloses() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    BodyPump pump = pump(sink);
    assertTrue(budget.admit(pump));
    List<String> events = new ArrayList<>();
    sink.onClose = () -> events.add("response closed");

    pump.start(() -> events.add("before close"), () -> {});
    sink.disconnect(); // a later failure closes the sink again

    assertEquals(List.of("before close", "response closed", "response closed"), events);
  }

  @Test
  void fail_beforeHandOver_runsBeforeCloseOnce() {
    FakeSink sink = new FakeSink(1);
    BodyPump pump = pump(sink);
    assertTrue(budget.admit(pump));
    AtomicInteger before = new AtomicInteger();
    pump.start(before::incrementAndGet, () -> {});

    sink.disconnect();
    scheduler.advance(TIMEOUT);

    assertEquals(1, before.get());
  }

  @Test
  void start_wholeBodyHandedOver_keepsNoReferenceToTheBody() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    queued.set(500_000); // still draining: the pump lives on
    RecordsBody body = body(content);
    java.lang.ref.WeakReference<RecordsBody> held = new java.lang.ref.WeakReference<>(body);
    BodyPump pump = new BodyPump(body, sink, direct, scheduler, scheduler::now, TIMEOUT, queued::get, budget);
    body = null;
    assertTrue(budget.admit(pump));
    pump.start(() -> {}, () -> {});
    assertEquals(SIZE, pump.size());

    for (int i = 0; i < 20 && held.get() != null; i++) {
      System.gc();
    }

    assertNull(held.get(), "the body can be collected while its copy drains from the send queue");
    assertFalse(pump.done());
  }

  @Test
  void tick_sendQueueEmpties_releasesTheBudgetAndKeepsTheConnection() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    queued.set(500_000);
    started(sink);

    queued.set(0);
    scheduler.advance(TimeUnit.SECONDS.toNanos(1));

    assertEquals(0, budget.bytes());
    assertEquals(0, sink.aborts);
  }

  @Test
  void disconnect_clientGoesAway_endsAtOnce() {
    FakeSink sink = new FakeSink(1);
    BodyPump pump = started(sink);

    sink.disconnect();

    assertTrue(pump.done());
    assertEquals(1, responseCloses.get());
    assertEquals(0, budget.bytes());
    assertNull(pump.stalledSince());
  }

  @Test
  void admit_overBudget_closesTheConnectionStalledLongest() {
    SlowReaderBudget small = new SlowReaderBudget(2L * SIZE);
    FakeSink first = new FakeSink(1);
    FakeSink second = new FakeSink(1);
    BodyPump older = new BodyPump(body(content), first, direct, scheduler, scheduler::now, TIMEOUT, queued::get, small);
    assertTrue(small.admit(older));
    older.start(() -> {}, () -> {});
    scheduler.advance(1000);
    BodyPump newer = new BodyPump(body(content), second, direct, scheduler, scheduler::now, TIMEOUT, queued::get,
        small);
    assertTrue(small.admit(newer));
    newer.start(() -> {}, () -> {});

    BodyPump third = new BodyPump(body(content), new FakeSink(Integer.MAX_VALUE), direct, scheduler,
        scheduler::now, TIMEOUT, queued::get, small);
    assertTrue(small.admit(third));

    assertTrue(older.done(), "the client that stopped reading first lost its connection");
    assertEquals(1, first.aborts);
    assertEquals(0, second.aborts);
    assertFalse(newer.done());
    assertEquals(2L * SIZE, small.bytes());
  }

  @Test
  void admit_overBudgetAndNoReaderStalled_refuses() {
    SlowReaderBudget small = new SlowReaderBudget(SIZE);
    FakeSink busy = new FakeSink(Integer.MAX_VALUE);
    busy.holdWrites = true; // its chunk is with Jersey: not stalled on the client
    BodyPump writing = new BodyPump(body(content), busy, direct, scheduler, scheduler::now, TIMEOUT, queued::get,
        small);
    assertTrue(small.admit(writing));
    writing.start(() -> {}, () -> {});

    assertFalse(small.admit(pump(new FakeSink(Integer.MAX_VALUE))));
    assertFalse(writing.done());
    assertEquals(0, busy.aborts);
  }

  private static RecordsBody body(byte[] content) {
    RecordsBody.Builder builder = new RecordsBody.Builder();
    builder.write(content, 0, content.length);
    return builder.build();
  }

  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  /** A socket that takes {@code full} chunks, then waits for the test to drain it. */
  private static final class FakeSink implements StreamSink<BodyChunk> {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    int full;
    int writes;
    int aborts;
    boolean closed;
    boolean holdWrites;
    @Nullable Runnable callback;
    @Nullable Runnable onDisconnect;
    @Nullable BodyChunk held;
    Runnable onClose = () -> {};

    FakeSink(int full) {
      this.full = full;
    }

    @Override
    public boolean writable(Runnable whenWritable) {
      if (writableNow()) {
        return true;
      }
      callback = whenWritable;
      return false;
    }

    @Override
    public boolean writableNow() {
      return closed || writes < full;
    }

    @Override
    public void write(BodyChunk chunk) throws IOException {
      if (closed) {
        throw new IOException("closed");
      }
      writes++;
      chunk.body().writeChunk(chunk.index(), written);
      if (holdWrites) {
        held = chunk;
      } else {
        chunk.written().run(); // as Jersey's writer does once the chunk is in the connection's queue
      }
    }

    /** Writes the chunk held back, as Jersey does later on its own thread. */
    void writeHeld() {
      BodyChunk chunk = held;
      held = null;
      if (chunk != null) {
        chunk.written().run();
      }
    }

    @Override
    public void onDisconnect(Runnable whenClosed) {
      onDisconnect = whenClosed;
    }

    @Override
    public void abort() {
      aborts++;
    }

    @Override
    public void close() {
      closed = true;
      onClose.run();
    }

    void drain() {
      drain(Integer.MAX_VALUE);
    }

    void drain(int more) {
      writes = 0;
      full = more;
      Runnable pending = callback;
      callback = null;
      if (pending != null) {
        pending.run();
      }
    }

    void disconnect() {
      Runnable pending = onDisconnect;
      if (pending != null) {
        pending.run();
      }
    }
  }
}
