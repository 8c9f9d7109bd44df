package dev.kafkarest.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.ReadAllowance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecordStreamTest {
  private static final long HEARTBEAT = TimeUnit.SECONDS.toNanos(15);
  private static final long WRITE_TIMEOUT = TimeUnit.SECONDS.toNanos(40);

  private final AtomicLong now = new AtomicLong(1_000);
  /** The connection's send queue, in bytes. */
  private final AtomicLong queued = new AtomicLong();
  /** Bytes charged to the client's quota, and the wait the quota asks for after each batch. */
  private final AtomicLong charged = new AtomicLong();
  private long owedNanos;
  private final ReadAllowance allowance = bytes -> {
    charged.addAndGet(bytes);
    return owedNanos;
  };
  private final ManualScheduler scheduler = new ManualScheduler();
  private final FakeSource source = new FakeSource();
  private final FakeByteSink sink = new FakeByteSink();
  private final Executor direct = Runnable::run;
  private int closes;

  private RecordStream stream(Framing framing) {
    return stream(framing, direct);
  }

  private RecordStream stream(Framing framing, Executor executor) {
    RecordStream stream = new RecordStream(source, sink, framing, (format, codec) -> {
      throw new AssertionError("the fake source makes no writer");
    }, executor, scheduler, now::get, HEARTBEAT, WRITE_TIMEOUT, 4096, queued::get, allowance);
    stream.start(() -> closes++);
    return stream;
  }

  /** Moves the clock on and runs the timer's tasks now due. */
  private void advance(long nanos) {
    now.addAndGet(nanos);
    scheduler.runDue(now.get() - 1_000);
  }

  @Test
  void start_writableSink_readsWritesAndReadsAgain() {
    stream(Framing.SSE);
    assertEquals(1, source.pending.size());
    assertEquals(4096, source.maxBytes);

    source.answer("id: t/0/0\ndata: {}\n\n");

    assertEquals("id: t/0/0\ndata: {}\n\n", sink.text());
    assertEquals(1, source.pending.size(), "a second read follows the first");
  }

  @Test
  void read_clientOwesQuotaBytes_readsAgainOnlyOnceTheAllowanceRecovered() {
    owedNanos = TimeUnit.SECONDS.toNanos(3);
    stream(Framing.NDJSON);

    source.answer("{}\n");

    assertEquals(3, charged.get(), "the batch's bytes are charged");
    assertEquals(0, source.pending.size(), "no read while the client owes bytes");
    advance(TimeUnit.SECONDS.toNanos(3) - 1);
    assertEquals(0, source.pending.size());
    advance(1);
    assertEquals(1, source.pending.size());
  }

  @Test
  void disconnect_whileTheClientOwesQuotaBytes_cancelsTheWaitForTheAllowance() {
    owedNanos = TimeUnit.SECONDS.toNanos(3);
    RecordStream stream = stream(Framing.NDJSON);
    source.answer("{}\n");
    long heartbeatIn = scheduler.nextDelay();

    sink.onDisconnect.run();

    assertTrue(stream.ended());
    assertEquals(Long.MAX_VALUE - scheduler.clock, scheduler.nextDelay(),
        "neither the heartbeat tick nor the allowance's wait (due in 3 s, before the tick in " + heartbeatIn
            + " ns) is left");
  }

  @Test
  void read_slowReader_readsNothingUntilTheSocketDrains() {
    sink.writable = false;
    stream(Framing.SSE);
    assertEquals(0, source.pending.size(), "no read while the socket cannot take more");

    sink.drain();

    assertEquals(1, source.pending.size());
  }

  @Test
  void read_socketFullAfterABatch_stopsReadingUntilItDrains() {
    stream(Framing.NDJSON);
    sink.writable = false;
    source.answer("{}\n");
    assertEquals(0, source.pending.size());

    sink.drain();

    assertEquals(1, source.pending.size());
    assertEquals(0, source.keptAlive);
  }

  @Test
  void tick_idleForTheInterval_writesAHeartbeatAndKeepsTheSourceAlive() {
    stream(Framing.SSE);
    now.addAndGet(HEARTBEAT - 1);
    scheduler.runDue(now.get() - 1_000);
    assertEquals("", sink.text(), "no heartbeat before the interval");

    now.addAndGet(1);
    scheduler.runDue(now.get() - 1_000);

    assertEquals(":\n\n", sink.text());
    assertTrue(source.keptAlive > 0);
  }

  @Test
  void tick_executorFull_theHeartbeatIsWrittenAllTheSame() {
    // The response pool refuses every task: a tick handed to it through the scheduler would be dropped for good.
    stream(Framing.SSE, task -> {
      throw new RejectedExecutionException("full");
    });

    advance(HEARTBEAT);

    assertEquals(":\n\n", sink.text());
  }

  @Test
  void tick_recordsWrittenRecently_writesNoHeartbeat() {
    stream(Framing.NDJSON);
    now.addAndGet(HEARTBEAT / 2);
    source.answer("{}\n");
    now.addAndGet(HEARTBEAT / 2);

    scheduler.runDue(now.get() - 1_000);

    assertEquals("{}\n", sink.text());
  }

  @Test
  void end_sourceFailedOrConnectionBroken_closesTheSourceOnce() {
    RecordStream failed = stream(Framing.SSE);
    assertEquals(0, source.closed);
    source.fail(new ProxyException(ErrorCode.OFFSET_OUT_OF_RANGE));
    assertTrue(failed.ended());
    assertEquals(1, source.closed);

    FakeSource other = new FakeSource();
    FakeByteSink broken = new FakeByteSink();
    RecordStream stream = new RecordStream(other, broken, Framing.NDJSON, (format, codec) -> {
      throw new AssertionError("the fake source makes no writer");
    }, direct, scheduler, now::get, HEARTBEAT, WRITE_TIMEOUT, 4096, queued::get, allowance);
    stream.start(() -> { });
    broken.broken = true;
    other.answer("{}\n");
    assertTrue(stream.ended());
    assertEquals(1, other.closed);
  }

  @Test
  void disconnect_whileAReadWaits_endsTheStreamAndClosesTheSourceAtOnce() {
    RecordStream stream = stream(Framing.SSE);
    assertEquals(1, source.pending.size());

    sink.onDisconnect.run();

    assertTrue(stream.ended());
    assertTrue(sink.closed);
    assertEquals(1, source.closed);
    source.answer("id: t/0/0\ndata: {}\n\n");
    assertEquals("", sink.text(), "nothing is written after the client went away");
    assertEquals(0, source.pending.size(), "no read after the end");
  }

  @Test
  void read_sourceGone_writesTheErrorAndCloses() {
    RecordStream stream = stream(Framing.SSE);

    source.fail(new ProxyException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND));

    assertEquals("event: error\ndata: {\"error_code\":40403,\"message\":\"Consumer instance not found.\"}\n\n",
        sink.text());
    assertTrue(sink.closed);
    assertEquals(1, closes);
    assertTrue(stream.ended());
    assertEquals(0, source.pending.size());
    assertTrue(scheduler.tasks.isEmpty() || scheduler.tasks.stream().allMatch(Future::isCancelled));
  }

  @Test
  void tick_sourceGoneWhileTheReaderIsSlow_endsTheStream() {
    sink.writable = false;
    RecordStream stream = stream(Framing.NDJSON);
    source.gone = true;

    now.addAndGet(HEARTBEAT);
    scheduler.runDue(now.get() - 1_000);

    assertTrue(stream.ended());
    assertFalse(sink.closed, "the last chunk waits for the socket to drain");
    assertEquals(0, closes);
    // The socket's call-back is the one the first read asked for: the sink keeps only that one.
    sink.drain();
    assertTrue(sink.closed);
    assertEquals(1, closes);
  }

  @Test
  void tick_clientReadsNothingForTheWriteTimeout_closesItsConnectionAndEnds() {
    RecordStream stream = stream(Framing.NDJSON);
    sink.writable = false;
    source.answer("{}\n");

    advance(HEARTBEAT);
    advance(HEARTBEAT);
    advance(WRITE_TIMEOUT - 2 * HEARTBEAT - 1);
    assertFalse(stream.ended(), "not before the write timeout");
    assertEquals(0, sink.aborts);

    advance(1);

    assertTrue(stream.ended());
    assertEquals(1, sink.aborts);
    assertTrue(sink.closed);
    assertEquals(1, closes);
    assertEquals(1, source.closed);
  }

  @Test
  void tick_clientReadsSlowlyWhileTheSocketStaysFull_keepsItsStream() {
    RecordStream stream = stream(Framing.NDJSON);
    sink.writable = false;
    queued.set(8_000_000);
    source.answer("{}\n");

    for (int i = 0; i < 8; i++) {
      queued.addAndGet(-100_000); // the client takes a little between two ticks
      advance(HEARTBEAT);
    }

    assertFalse(stream.ended(), "a slow reader is not a stalled one");
    assertEquals(0, sink.aborts);
    advance(WRITE_TIMEOUT);
    assertTrue(stream.ended(), "once it takes nothing for the write timeout");
    assertEquals(1, sink.aborts);
  }

  @Test
  void tick_cancelledTickRunsLate_startsNoSecondChain() {
    RecordStream stream = stream(Framing.NDJSON);
    sink.writable = false;
    source.gone = true;
    Runnable firstTick = scheduler.commands.get(0);

    advance(HEARTBEAT); // the tick ends the stream, and schedules the last chunk's deadline
    assertTrue(stream.ended());
    firstTick.run(); // the same tick run again, as one cancelled after it fired would: ignored

    assertEquals(1, scheduler.tasks.stream().filter(task -> !task.isDone()).count());
  }

  @Test
  void tick_socketFull_nextTickAtTheHeartbeatOrTheWriteTimeout() {
    stream(Framing.SSE);
    sink.writable = false;
    source.answer("id: t/0/0\ndata: {}\n\n");

    advance(HEARTBEAT);

    assertEquals(HEARTBEAT, scheduler.nextDelay(), "no heartbeat fits, and none is retried at once");
    advance(HEARTBEAT);
    assertEquals(WRITE_TIMEOUT - 2 * HEARTBEAT, scheduler.nextDelay());
    assertTrue(source.keptAlive >= 2);
  }

  @Test
  void end_lastChunkWaitsForTheSocket_connectionClosedOnceTheClientTookNothingForTheWriteTimeout() {
    sink.writable = false;
    RecordStream stream = stream(Framing.NDJSON);
    source.gone = true;
    advance(HEARTBEAT);
    assertTrue(stream.ended());
    assertFalse(sink.closed);

    advance(WRITE_TIMEOUT - HEARTBEAT - 1); // the client has taken nothing since the stream started
    assertEquals(0, sink.aborts, "not before the write timeout");
    advance(1);

    assertEquals(1, sink.aborts);
    assertTrue(sink.closed);
    assertEquals(1, closes);
    sink.drain();
    assertEquals(1, closes, "closed once");
  }

  @Test
  void end_aReadCompletesWhileTheSocketIsFull_closesOnlyWhenTheSocketDrains() {
    RecordStream stream = stream(Framing.NDJSON);
    sink.writable = false;
    source.gone = true;
    advance(HEARTBEAT);
    assertTrue(stream.ended());

    source.answer("{}\n");

    assertFalse(sink.closed, "the last chunk still waits for the socket");
    assertEquals("", sink.text());
    sink.drain();
    assertTrue(sink.closed);
    assertEquals(1, closes);
  }

  @Test
  void write_connectionBroken_endsWithoutReadingAgain() {
    RecordStream stream = stream(Framing.SSE);
    sink.broken = true;

    source.answer("id: t/0/0\ndata: {}\n\n");

    assertTrue(stream.ended());
    assertEquals(0, source.pending.size());
  }

  /** Answers reads by hand; a "batch" here is its bytes already framed. */
  private static final class FakeSource implements RecordSource {
    final Deque<CompletableFuture<Object>> pending = new ArrayDeque<>();
    long maxBytes;
    int keptAlive;
    int closed;
    boolean gone;

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> read(long maxBytes, RecordBatchWriter.Factory<T> writers) {
      this.maxBytes = maxBytes;
      CompletableFuture<Object> read = new CompletableFuture<>();
      pending.add(read);
      return (CompletableFuture<T>) read;
    }

    @Override
    public void keepAlive() {
      if (gone) {
        throw new ProxyException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND);
      }
      keptAlive++;
    }

    @Override
    public void close() {
      closed++;
    }

    void answer(String framed) {
      RecordsBody.Builder body = new RecordsBody.Builder();
      byte[] bytes = framed.getBytes(StandardCharsets.UTF_8);
      body.write(bytes, 0, bytes.length);
      pending.remove().complete(body.build());
    }

    void fail(Throwable error) {
      pending.remove().completeExceptionally(error);
    }
  }

  /** A scheduler whose tasks run when the test says the time has come (nanoseconds since the start). */
  private static final class ManualScheduler implements Scheduler {
    final List<FutureTask<?>> tasks = new ArrayList<>();
    final List<Long> due = new ArrayList<>();
    final List<Runnable> commands = new ArrayList<>();
    long clock;

    @Override
    public Future<?> schedule(Executor executor, Runnable command, long delay, TimeUnit unit) {
      FutureTask<?> task = new FutureTask<>(() -> executor.execute(command), null);
      tasks.add(task);
      commands.add(command);
      due.add(clock + unit.toNanos(delay));
      return task;
    }

    /** {@return how long until the earliest task neither run nor cancelled is due} */
    long nextDelay() {
      long next = Long.MAX_VALUE;
      for (int i = 0; i < tasks.size(); i++) {
        if (!tasks.get(i).isDone()) {
          next = Math.min(next, due.get(i));
        }
      }
      return next - clock;
    }

    void runDue(long time) {
      clock = time;
      for (int i = 0; i < tasks.size(); i++) {
        if (due.get(i) <= time && !tasks.get(i).isDone()) {
          tasks.get(i).run();
        }
      }
    }
  }
}
