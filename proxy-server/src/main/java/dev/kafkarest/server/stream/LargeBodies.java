package dev.kafkarest.server.stream;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.server.config.ResponseWriteSettings;
import dev.kafkarest.server.exchange.DeferredExchanges;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.io.OutputBuffer;
import org.glassfish.grizzly.nio.NIOConnection;

/**
 * Writes large records bodies without holding a thread: an answer whose entity is a {@link RecordsBody} of at
 * least {@code http.write.async.min.bytes} is handed to its connection chunk by chunk as the client reads it
 * ({@link BodyPump}), on the response executor, under a {@link SlowReaderBudget}. Status, headers (its {@code
 * Content-Length} too), media type and the other filters' work are the answer's own; only the writing of its
 * body changes. A smaller body, a HEAD, a body over the budget, or a request that did not come through
 * {@link GrizzlyOutputs} is written as before.
 */
public final class LargeBodies implements Feature {
  private final BodyFilter filter;

  /**
   * @param writeTimeout how long a connection may take nothing before it is closed ({@code http.write.timeout.ms})
   * @param executor runs the pumps' steps (never blocks)
   * @param scheduler schedules their timers onto {@code executor}
   */
  public LargeBodies(ResponseWriteSettings settings, Duration writeTimeout, Executor executor, Scheduler scheduler,
      Ticker ticker) {
    this.filter = new BodyFilter(settings.asyncMinBytes(), new SlowReaderBudget(settings.effectiveAsyncMaxBytes()),
        writeTimeout.toNanos(), executor, scheduler, ticker);
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(filter);
    context.register(new BodyChunkWriter());
    return true;
  }

  /**
   * Lets the connection's send queue take the whole body while the pump hands it over. Grizzly's limit is four
   * times the socket's send buffer (64 KB with Linux's default of 16 KB), past which the pump would wait for the
   * socket's call-back between chunks. The budget already counts the body; Grizzly queues a copy of what the
   * socket did not take at once, while the pump drops the body once it is all handed over. {@return what sets
   * the connection's limit back, just before the response closes and the connection may serve its next request}
   */
  static Runnable queueWholeBody(Connection<?> connection, long size) {
    if (!(connection instanceof NIOConnection nio)) {
      return () -> {};
    }
    int before = nio.getMaxAsyncWriteQueueSize();
    if (before < 0 || before >= size) {
      return () -> {};
    }
    nio.setMaxAsyncWriteQueueSize((int) Math.min(Integer.MAX_VALUE, size));
    return () -> nio.setMaxAsyncWriteQueueSize(before);
  }

  /** Runs after every other response filter (the quota filter reads the records body). */
  @Priority(Priorities.AUTHENTICATION - 900)
  static final class BodyFilter implements ContainerResponseFilter {
    private final int minBytes;
    private final SlowReaderBudget budget;
    private final long timeoutNanos;
    private final Executor executor;
    private final Scheduler scheduler;
    private final Ticker ticker;

    BodyFilter(int minBytes, SlowReaderBudget budget, long timeoutNanos, Executor executor, Scheduler scheduler,
        Ticker ticker) {
      this.minBytes = minBytes;
      this.budget = budget;
      this.timeoutNanos = timeoutNanos;
      this.executor = executor;
      this.scheduler = scheduler;
      this.ticker = ticker;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (!(response.getEntity() instanceof RecordsBody body) || body.size() < minBytes
          || HttpMethod.HEAD.equals(request.getMethod())) {
        return;
      }
      OutputBuffer socket = GrizzlyOutputs.of(request);
      Connection<?> connection = GrizzlyOutputs.connectionOf(request);
      if (socket == null || connection == null) {
        return;
      }
      ChunkedSink<BodyChunk> sink = ChunkedSink.forBody(BodyChunk.class, socket, connection);
      BodyPump pump = new BodyPump(body, sink, executor, scheduler, ticker, timeoutNanos,
          GrizzlyOutputs.queuedBytes(connection), budget);
      if (!budget.admit(pump)) {
        return;
      }
      response.setEntity(sink.output(), response.getEntityAnnotations(), response.getMediaType());
      Runnable restoreQueueLimit = queueWholeBody(connection, body.size());
      Runnable exchangeWritten = DeferredExchanges.deferUntilWritten(request);
      pump.start(restoreQueueLimit, exchangeWritten);
    }

  }
}
