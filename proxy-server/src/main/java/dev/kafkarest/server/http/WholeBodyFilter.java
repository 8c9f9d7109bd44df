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
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpBrokenContent;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>What bodies in collection hold is bounded over all connections by a shared {@link BodyBudget}: a
 * body with a {@code Content-Length} takes its whole length when its header arrives, a chunked body its
 * bytes as they arrive. A body the budget cannot take gets 503 with {@code Retry-After: 1} and the
 * connection is closed, before anything more of it is read. A body with a {@code Content-Length} is also
 * counted against the {@link BodyAdmission} (the produce bytes in flight) from its header on; a refusal
 * there is answered at once. The budget is given back when the body is complete (the request then holds
 * a worker, which {@code http.max.inflight.requests} bounds), and the {@link BodyHold} passes to the
 * application as a request property; both are released when the connection closes first.
 */
final class WholeBodyFilter extends BaseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(WholeBodyFilter.class);
  private static final byte[] TIMED_OUT = RawErrors.response(408, "Request Timeout");
  private static final byte[] BUDGET_EXHAUSTED = RawErrors.response(503, "Service Unavailable", 503,
      "The server holds too many request bodies that are still arriving; try again later.", 1);

  private final Attribute<Pending> pendingAttribute =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WholeBodyFilter.class.getName() + ".pending");
  private final Attribute<BodyHold> handedOverAttribute =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WholeBodyFilter.class.getName() + ".handedOver");
  private final Duration timeout;
  private final long bodyMaxBytes;
  private final ScheduledExecutorService timer;
  private final BodyBudget budget;
  private final BodyAdmission admission;

  WholeBodyFilter(Duration timeout, long bodyMaxBytes, ScheduledExecutorService timer, BodyBudget budget,
      BodyAdmission admission) {
    this.timeout = timeout;
    this.bodyMaxBytes = bodyMaxBytes;
    this.timer = timer;
    this.budget = budget;
    this.admission = admission;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    if (!(ctx.getMessage() instanceof HttpContent content) || !content.getHttpHeader().isRequest()) {
      return ctx.getInvokeAction();
    }
    HttpHeader header = content.getHttpHeader();
    Connection<?> connection = ctx.getConnection();
    if (content instanceof HttpBrokenContent) {
      return dropBroken(ctx);
    }
    Pending pending = pendingAttribute.get(connection);
    if (pending != null && pending.request != header) {
      pending.settle();
      pendingAttribute.remove(connection);
      pending = null;
    }
    if (content.isLast()) {
      if (pending != null) {
        pendingAttribute.remove(connection);
        if (!pending.finish()) {
          return ctx.getStopAction();
        }
        handOver(connection, pending);
      }
      return ctx.getInvokeAction();
    }
    if (pending == null) {
      HttpRequestPacket request = (HttpRequestPacket) header;
      long length = request.getContentLength();
      pending = new Pending(request, budget);
      pendingAttribute.set(connection, pending);
      if (length > bodyMaxBytes) {
        pending.passThrough = true;
        return ctx.getInvokeAction();
      }
      if (length >= 0 && !pending.take(length)) {
        return refuse(ctx, pending, BUDGET_EXHAUSTED);
      }
      if (length >= 0) {
        BodyAdmission.Decision decision = admission.admit(request.getMethod().getMethodString(),
            request.getRequestURI(), length);
        if (decision instanceof BodyAdmission.Refusal refusal) {
          return refuse(ctx, pending, RawErrors.response(refusal.status(), "Too Many Requests",
              refusal.errorCode(), refusal.message(), refusal.retryAfterSeconds()));
        }
        pending.hold = (BodyHold) decision;
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
    int collected = content.getContent().remaining();
    if (collected > bodyMaxBytes) {
      pending.passThrough = true;
      pending.settle();
      return ctx.getInvokeAction();
    }
    if (((HttpRequestPacket) header).getContentLength() < 0 && !pending.takeUpTo(collected)) {
      return refuse(ctx, pending, BUDGET_EXHAUSTED);
    }
    return ctx.getStopAction(content);
  }

  /**
   * Ends a request whose body the codec could not decode (a malformed chunk): the codec has already answered
   * 400 in the envelope. Passing the broken content on would throw its parse error out of the filter chain,
   * which Grizzly logs as a WARNING with a stack trace; a client's mistake is worth a debug line only.
   */
  private NextAction dropBroken(FilterChainContext ctx) {
    Pending pending = pendingAttribute.remove(ctx.getConnection());
    if (pending != null) {
      pending.expire();
      pending.settle();
    }
    LOG.debug("Malformed request body from {}: {}", ctx.getConnection().getPeerAddress(),
        ((HttpBrokenContent) ctx.getMessage()).getException().getMessage());
    ctx.getConnection().closeSilently();
    return ctx.getStopAction();
  }

  /** Passes what the completed body holds to the application, and keeps it to release with the response. */
  private void handOver(Connection<?> connection, Pending pending) {
    BodyHold hold = pending.hold;
    if (hold == BodyHold.NONE) {
      return;
    }
    ((HttpRequestPacket) pending.request).setAttribute(BodyHold.PROPERTY, hold);
    BodyHold previous = handedOverAttribute.get(connection);
    if (previous != null) {
      previous.release();
    }
    handedOverAttribute.set(connection, hold);
  }

  private NextAction refuse(FilterChainContext ctx, Pending pending, byte[] response) {
    pendingAttribute.remove(ctx.getConnection());
    pending.expire();
    pending.settle();
    answerAndClose(ctx.getConnection(), response);
    return ctx.getStopAction();
  }

  @Override
  public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
    if (event.type() == HttpServerFilter.RESPONSE_COMPLETE_EVENT.type()) {
      BodyHold hold = handedOverAttribute.remove(ctx.getConnection());
      if (hold != null) {
        hold.release();
      }
    }
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    Pending pending = pendingAttribute.remove(ctx.getConnection());
    if (pending != null) {
      pending.settle();
    }
    BodyHold hold = handedOverAttribute.remove(ctx.getConnection());
    if (hold != null) {
      hold.release();
    }
    return ctx.getInvokeAction();
  }

  private void timeOut(Connection<?> connection, Pending pending) {
    if (!pending.expire()) {
      return;
    }
    pending.settle();
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

  /** The body of one request still arriving, and what it holds. */
  private static final class Pending {
    final HttpHeader request;
    final BodyBudget budget;
    final AtomicBoolean settled = new AtomicBoolean();
    volatile boolean timedOut;
    boolean passThrough;
    volatile BodyHold hold = BodyHold.NONE;
    @Nullable ScheduledFuture<?> deadline;
    /** Bytes taken from the budget; -1 once given back, after which nothing more is taken. */
    private long taken;

    Pending(HttpHeader request, BodyBudget budget) {
      this.request = request;
      this.budget = budget;
    }

    /** {@return true when {@code bytes} more were taken from the budget} */
    synchronized boolean take(long bytes) {
      if (taken < 0 || !budget.tryTake(bytes)) {
        return false;
      }
      taken += bytes;
      return true;
    }

    /** {@return true when the budget now holds {@code total} bytes for this body} */
    synchronized boolean takeUpTo(long total) {
      return total <= taken || take(total - taken);
    }

    /** Gives the budget back; on the first call after completion, keeps the hold for the application. */
    synchronized void giveBack() {
      if (taken > 0) {
        budget.give(taken);
      }
      taken = -1;
    }

    /** Gives the budget back and releases the hold: the body will not reach the application. */
    void settle() {
      cancel();
      giveBack();
      hold.release();
    }

    /** {@return true when the body completed before its deadline; gives the budget back either way} */
    boolean finish() {
      cancel();
      giveBack();
      boolean completed = settled.compareAndSet(false, true) || passThrough;
      if (!completed) {
        hold.release();
      }
      return completed;
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
