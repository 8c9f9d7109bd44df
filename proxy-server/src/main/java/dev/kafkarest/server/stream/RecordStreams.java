package dev.kafkarest.server.stream;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.server.config.StreamSettings;
import dev.kafkarest.server.exchange.DeferredExchanges;
import dev.kafkarest.server.http.ReadAllowance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.glassfish.grizzly.Connection;

/**
 * Opens streams: the one entry point of resources that answer with a stream. Every stream shares the
 * response executor and the consumer timer; none has a thread of its own.
 */
public final class RecordStreams {
  private final StreamSettings settings;
  private final Duration writeTimeout;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Ticker ticker;

  /**
   * @param writeTimeout how long a stream's client may read nothing before its connection is closed
   * @param executor runs the streams' steps: writing batches and heartbeats (never blocks)
   * @param scheduler schedules the heartbeat ticks onto {@code executor}
   */
  public RecordStreams(StreamSettings settings, Duration writeTimeout, Executor executor, Scheduler scheduler,
      Ticker ticker) {
    this.settings = settings;
    this.writeTimeout = writeTimeout;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ticker = ticker;
  }

  /**
   * Starts a stream over a source and {@return the response that carries it}: 200 with the framing's
   * media type, not cached, written as records arrive until the source fails or the client goes away.
   *
   * @param request the request being answered, for the connection's output buffer
   * @param renderer writes each record's JSON, as the API's records call does
   */
  public Response open(ContainerRequestContext request, Framing framing, RecordSource source,
      RecordRenderer renderer) {
    Connection<?> connection = GrizzlyOutputs.connectionOf(request);
    ChunkedSink<byte[]> sink = ChunkedSink.forStream(byte[].class, GrizzlyOutputs.of(request), connection);
    RecordStream stream = new RecordStream(source, sink, framing, FramedRecordsWriter.factory(framing, renderer),
        executor, scheduler, ticker, settings.heartbeatInterval().toNanos(), writeTimeout.toNanos(),
        settings.batchMaxBytes(), GrizzlyOutputs.queuedBytes(connection), ReadAllowance.of(request));
    // The exchange (access log line, HTTP meters) is recorded when the stream ends: its duration and bytes.
    stream.start(DeferredExchanges.deferUntilStreamEnds(request));
    return Response.ok(sink.output(), framing.mediaType())
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        // Tells nginx-style reverse proxies not to buffer the stream.
        .header("X-Accel-Buffering", "no")
        .build();
  }
}
