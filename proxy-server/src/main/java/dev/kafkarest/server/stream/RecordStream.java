package dev.kafkarest.server.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.ReadAllowance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream: reads a batch from its {@link RecordSource}, writes it, and reads again, for as long as
 * the response is open.
 *
 * <p>Flow control: a read starts only when the socket can take more ({@link StreamSink#writable}); while it
 * cannot, the stream reads nothing, so its source fetches nothing for it, and it waits for the socket's
 * call-back without a thread. What a stream holds for a slow reader is therefore one batch ({@code
 * stream.batch.max.bytes}) plus the socket's own send queue. A read waits for records without a thread too
 * (a long-poll read), so a thousand idle streams cost no threads.
 *
 * <p>A timer tick, once per heartbeat interval (or write timeout, if shorter), keeps the source alive while
 * nothing is read and writes a heartbeat when nothing was written for an interval. The stream ends when its source fails (deleted or
 * expired: the error is written as the last event) or its connection breaks: at once when the client closes
 * it ({@link StreamSink#onDisconnect}), else at the next write. However it ends, its source is closed once.
 *
 * <p>A client that stops reading is given the write timeout ({@code http.write.timeout.ms}): when it has taken
 * nothing for that long ({@link WriteProgress}: no write went through and the send queue did not shrink), the
 * stream ends and its connection is closed ({@link StreamSink#abort}); so does an ended stream whose last chunk
 * waits that long. A stalled stream holds no consumer or connection for ever; a slow reader keeps its stream.
 *
 * <p>Each batch sent is charged to the client's consume quota ({@link ReadAllowance}); while the client owes
 * bytes, the stream reads nothing, so a stream cannot read past the quota that would refuse its records calls.
 *
 * <p>Steps (a read's end, the socket's call-back, a tick) run on the response executor, one at a time.
 */
final class RecordStream {
  private static final Logger LOG = LoggerFactory.getLogger(RecordStream.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final RecordSource source;
  private final StreamSink<byte[]> sink;
  private final Framing framing;
  private final RecordBatchWriter.Factory<RecordsBody> writers;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final long heartbeatNanos;
  private final long writeTimeoutNanos;
  private final long batchMaxBytes;
  private final WriteProgress progress;
  private final ReadAllowance allowance;
  private long lastWrite;
  private boolean reading;
  private boolean ended;
  /** Whether the response is closed: after the end, once the socket could take the last chunk. */
  private boolean closed;
  private Runnable whenClosed = () -> {};
  private @Nullable Future<?> tick;
  /** The wait for the client's quota allowance to recover, while one runs. */
  private @Nullable Future<?> allowanceWait;
  /** Counts the ticks scheduled: a tick that finds a later one scheduled (it was cancelled too late) does nothing. */
  private long ticks;

  /**
   * @param queuedBytes bytes in the connection's send queue, to tell a slow reader from one that reads nothing
   * @param allowance charged for each batch sent
   */
  RecordStream(RecordSource source, StreamSink<byte[]> sink, Framing framing,
      RecordBatchWriter.Factory<RecordsBody> writers,
      Executor executor, Scheduler scheduler, Ticker ticker, long heartbeatNanos, long writeTimeoutNanos,
      long batchMaxBytes, LongSupplier queuedBytes, ReadAllowance allowance) {
    this.source = source;
    this.sink = sink;
    this.framing = framing;
    this.writers = writers;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.heartbeatNanos = heartbeatNanos;
    this.writeTimeoutNanos = writeTimeoutNanos;
    this.batchMaxBytes = batchMaxBytes;
    this.progress = new WriteProgress(queuedBytes, ticker.read());
    this.allowance = allowance;
  }

  /**
   * Starts reading and the heartbeat timer.
   *
   * @param whenClosed runs once, when the stream has ended and its response is closed
   */
  void start(Runnable whenClosed) {
    synchronized (this) {
      this.whenClosed = whenClosed;
      lastWrite = ticker.read();
      progress.wrote(lastWrite);
      scheduleTick(Math.min(heartbeatNanos, writeTimeoutNanos));
    }
    sink.onDisconnect(() -> step(this::disconnected));
    pump();
  }

  /** {@return whether the stream has ended} */
  synchronized boolean ended() {
    return ended;
  }

  private void pump() {
    synchronized (this) {
      if (ended || reading || !sink.writable(this::wake)) {
        return;
      }
      reading = true;
    }
    CompletableFuture<RecordsBody> batch;
    try {
      batch = source.read(batchMaxBytes, writers);
    } catch (RuntimeException e) {
      batch = CompletableFuture.failedFuture(e);
    }
    batch.whenComplete((body, error) -> step(() -> written(body, error)));
  }

  private void written(@Nullable RecordsBody body, @Nullable Throwable error) {
    synchronized (this) {
      reading = false;
      if (ended) {
        return;
      }
      if (error != null) {
        end(error);
        return;
      }
      if (body != null && body.size() > 0) {
        byte[] bytes = toBytes(body);
        if (!write(bytes)) {
          return;
        }
        long owedNanos = allowance.charge(bytes.length);
        if (owedNanos > 0) {
          // Reads nothing until the client's allowance has recovered.
          reading = true;
          allowanceWait = scheduler.schedule(Runnable::run, () -> step(this::allowanceRecovered), owedNanos,
              TimeUnit.NANOSECONDS);
          return;
        }
      }
    }
    pump();
  }

  private void allowanceRecovered() {
    synchronized (this) {
      allowanceWait = null;
      reading = false;
    }
    pump();
  }

  private synchronized void tick(long number) {
    if (number != ticks || closed) {
      return;
    }
    tick = null;
    long now = ticker.read();
    if (ended) {
      lastChunkDeadline(now);
      return;
    }
    try {
      source.keepAlive();
    } catch (RuntimeException e) {
      end(e);
      return;
    }
    boolean writable = sink.writableNow();
    long stalledFor = writable ? 0 : progress.stalledFor(now);
    if (stalledFor >= writeTimeoutNanos) {
      LOG.debug("Stream ends: its client took nothing for the write timeout");
      stalled();
      return;
    }
    if (writable && now - lastWrite >= heartbeatNanos && !write(framing.heartbeat())) {
      return;
    }
    // Ticks at least once per write timeout too: a socket that fills between two ticks is noticed in time.
    long next = Math.min(writable ? lastWrite + heartbeatNanos - now : writeTimeoutNanos - stalledFor,
        Math.min(heartbeatNanos, writeTimeoutNanos));
    scheduleTick(Math.max(TimeUnit.MILLISECONDS.toNanos(1), next));
  }

  /** The stream has ended, its last chunk waiting for the socket: closes the connection at the write timeout. */
  private void lastChunkDeadline(long now) {
    long left = writeTimeoutNanos - progress.stalledFor(now);
    if (left > 0) {
      scheduleTick(left);
      return;
    }
    LOG.debug("Stream's connection closed: its client took nothing of the end for the write timeout");
    closeConnection();
  }

  private synchronized void disconnected() {
    if (!ended) {
      LOG.debug("Stream ends: its client closed the connection");
      end(null);
    }
  }

  /** Writes bytes; {@return whether the connection took them}, else the stream has ended. */
  private boolean write(byte[] bytes) {
    try {
      sink.write(bytes);
      lastWrite = ticker.read();
      progress.wrote(lastWrite);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.debug("Stream ends: its connection failed: {}", e.toString());
      end(null);
      return false;
    }
  }

  /** Ends the stream: writes the error that ended it when there is one and the socket can take it, then closes. */
  private void end(@Nullable Throwable error) {
    finish();
    if (error != null && sink.writableNow()) {
      try {
        sink.write(errorFrame(error));
      } catch (IOException | RuntimeException e) {
        LOG.debug("Stream's last event not written: {}", e.toString());
      }
    }
    // Closing writes the last chunk; a full socket gets it once it drains (or fails), with no thread waiting,
    // or has its connection closed at the write timeout.
    if (sink.writable(this::wake)) {
      closeResponse();
    } else {
      lastChunkDeadline(ticker.read());
    }
  }

  /** Ends the stream of a client that took nothing for the write timeout: its connection is closed at once. */
  private void stalled() {
    finish();
    closeConnection();
  }

  /** Marks the stream ended, closes its source and stops its timers. */
  private void finish() {
    ended = true;
    try {
      source.close();
    } catch (RuntimeException e) {
      LOG.warn("Stream's source failed to close", e);
    }
    cancelTick();
    Future<?> waiting = allowanceWait;
    if (waiting != null) {
      waiting.cancel(false);
      allowanceWait = null;
    }
  }

  /** Closes the connection at once (a client that stopped reading), then the response. */
  private void closeConnection() {
    sink.abort();
    closeResponse();
  }

  /** Closes the response of the ended stream, and runs {@code whenClosed}; once. */
  private void closeResponse() {
    if (closed) {
      return;
    }
    closed = true;
    cancelTick();
    sink.close();
    whenClosed.run();
  }

  private void cancelTick() {
    ticks++;
    Future<?> pending = tick;
    if (pending != null) {
      pending.cancel(false);
      tick = null;
    }
  }

  /** A socket call-back: the socket drained, or the connection failed. */
  private void wake() {
    step(this::woken);
  }

  private void woken() {
    synchronized (this) {
      if (ended) {
        // After the end (the sink keeps the first call-back asked for, which may be a read's): the last chunk now.
        closeResponse();
        return;
      }
    }
    pump();
  }

  private void scheduleTick(long delayNanos) {
    long number = ++ticks;
    // Handed over by the scheduler's own thread: a full executor would make the scheduler drop it (see step).
    tick = scheduler.schedule(Runnable::run, () -> step(() -> tick(number)), delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Runs a step on the response executor, or here when its queue is full. */
  private void step(Runnable step) {
    try {
      executor.execute(step);
    } catch (RejectedExecutionException e) {
      step.run();
    }
  }

  private byte[] errorFrame(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    int code = ErrorCode.INTERNAL_SERVER_ERROR.code();
    String message = ErrorCode.INTERNAL_SERVER_ERROR.defaultMessage();
    if (cause instanceof ProxyException proxy) {
      code = proxy.errorCode().code();
      message = proxy.getMessage();
    } else {
      LOG.warn("Stream ends with an unexpected error", cause);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeRaw(framing.errorPrefix());
      json.writeStartObject();
      json.writeNumberField("error_code", code);
      json.writeStringField("message", message);
      json.writeEndObject();
      json.writeRaw(framing.suffix());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] toBytes(RecordsBody body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.size());
    try {
      body.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
