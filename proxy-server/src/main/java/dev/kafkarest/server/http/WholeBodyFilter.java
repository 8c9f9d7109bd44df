package dev.kafkarest.server.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;
import org.jspecify.annotations.Nullable;

/**
 * Collects a request's body before the request reaches a worker that runs Jersey, so that a client that
 * sends its body slowly holds no thread, only its connection and the bytes sent so far.
 *
 * <p>Placed right after the HTTP codec: each piece of a body that is not yet complete is kept as the
 * filter's remainder and the chain stops, handing the I/O thread back; the next piece is appended by
 * Grizzly. A body still incomplete {@code http.body.read.timeout.ms} after its header gets 408 and the
 * connection is closed. A body over {@code request.body.max.bytes} (announced or as it arrives) is passed
 * on as it is, where the body-size limit answers 413 before reading it. A client that expects
 * {@code 100 Continue} is told to continue here, since the request reaches the application only once its
 * body is complete.
 */
final class WholeBodyFilter extends BaseFilter {
  private static final byte[] TIMED_OUT = RawErrors.response(408, "Request Timeout");

  private final Attribute<Pending> pendingAttribute =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WholeBodyFilter.class.getName() + ".pending");
  private final Duration timeout;
  private final long bodyMaxBytes;
  private final ScheduledExecutorService timer;

  WholeBodyFilter(Duration timeout, long bodyMaxBytes, ScheduledExecutorService timer) {
    this.timeout = timeout;
    this.bodyMaxBytes = bodyMaxBytes;
    this.timer = timer;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    if (!(ctx.getMessage() instanceof HttpContent content) || !content.getHttpHeader().isRequest()) {
      return ctx.getInvokeAction();
    }
    HttpHeader header = content.getHttpHeader();
    Connection<?> connection = ctx.getConnection();
    Pending pending = pendingAttribute.get(connection);
    if (pending != null && pending.request != header) {
      pending.cancel();
      pendingAttribute.remove(connection);
      pending = null;
    }
    if (content.isLast()) {
      if (pending != null) {
        pendingAttribute.remove(connection);
        if (!pending.finish()) {
          return ctx.getStopAction();
        }
      }
      return ctx.getInvokeAction();
    }
    if (pending == null) {
      HttpRequestPacket request = (HttpRequestPacket) header;
      pending = new Pending(request);
      pendingAttribute.set(connection, pending);
      if (request.getContentLength() > bodyMaxBytes) {
        pending.passThrough = true;
        return ctx.getInvokeAction();
      }
      if (request.requiresAcknowledgement()) {
        HttpResponsePacket response = request.getResponse();
        HttpStatus.CONINTUE_100.setValues(response);
        response.setAcknowledgement(true);
        ctx.write(response);
      }
      Pending started = pending;
      pending.deadline = timer.schedule(() -> timeOut(connection, started), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (pending.passThrough) {
      return ctx.getInvokeAction();
    }
    if (pending.isTimedOut()) {
      return ctx.getStopAction();
    }
    if (content.getContent().remaining() > bodyMaxBytes) {
      pending.passThrough = true;
      pending.cancel();
      return ctx.getInvokeAction();
    }
    return ctx.getStopAction(content);
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    Pending pending = pendingAttribute.remove(ctx.getConnection());
    if (pending != null) {
      pending.cancel();
    }
    return ctx.getInvokeAction();
  }

  private void timeOut(Connection<?> connection, Pending pending) {
    if (!pending.expire()) {
      return;
    }
    answerAndClose(connection, TIMED_OUT);
  }

  /** Writes a whole response, bypassing the HTTP codec's state, then closes the connection. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void answerAndClose(Connection connection, byte[] response) {
    connection.write(Buffers.wrap(connection.getMemoryManager(), response), new EmptyCompletionHandler() {
      @Override
      public void completed(Object result) {
        connection.closeSilently();
      }

      @Override
      public void failed(Throwable error) {
        connection.closeSilently();
      }
    });
  }

  /** The body of one request still arriving. */
  private static final class Pending {
    final HttpHeader request;
    final AtomicBoolean settled = new AtomicBoolean();
    volatile boolean timedOut;
    boolean passThrough;
    @Nullable ScheduledFuture<?> deadline;

    Pending(HttpHeader request) {
      this.request = request;
    }

    /** {@return true when the body completed before its deadline} */
    boolean finish() {
      cancel();
      return settled.compareAndSet(false, true) || passThrough;
    }

    /** {@return true when the deadline passed before the body completed} */
    boolean expire() {
      if (settled.compareAndSet(false, true)) {
        timedOut = true;
        return true;
      }
      return false;
    }

    boolean isTimedOut() {
      return timedOut;
    }

    void cancel() {
      ScheduledFuture<?> scheduled = deadline;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }
  }
}
