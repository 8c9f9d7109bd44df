package dev.kafkarest.server.stream;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.server.exchange.DeferredExchanges;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import org.glassfish.grizzly.Connection;

/**
 * The entry point for relaying another node's answer ({@code server.nodes}' forwarding) without a thread waiting
 * for either node or client: see {@link ForwardedBody}.
 */
public final class ForwardedBodies {
  private final Duration writeTimeout;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Ticker ticker;

  /**
   * @param writeTimeout how long a client may take nothing of what it was sent before its connection is closed
   * @param executor runs the relays' steps (never blocks)
   * @param scheduler schedules their write-timeout ticks onto {@code executor}
   */
  public ForwardedBodies(Duration writeTimeout, Executor executor, Scheduler scheduler, Ticker ticker) {
    this.writeTimeout = writeTimeout;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ticker = ticker;
  }

  /**
   * {@return {@code head} (the owner's status and headers) with the owner's body as its entity}, relayed as it
   * arrives once Jersey has written the head. A body of known length keeps its {@code Content-Length}; one of
   * unknown length (a stream of records, a long-poll answer sent chunked) is recorded as a stream when it ends.
   *
   * @param request the request being answered, for the client's connection
   * @param contentLength the owner's {@code Content-Length}, when it sent one
   * @param body the owner's body; subscribed to here
   */
  public Response relay(ContainerRequestContext request, Response.ResponseBuilder head, OptionalLong contentLength,
      Flow.Publisher<List<ByteBuffer>> body) {
    Connection<?> connection = GrizzlyOutputs.connectionOf(request);
    ChunkedSink<byte[]> sink = contentLength.isPresent()
        ? ChunkedSink.forBody(byte[].class, GrizzlyOutputs.of(request), connection)
        : ChunkedSink.forStream(byte[].class, GrizzlyOutputs.of(request), connection);
    ForwardedBody relay = new ForwardedBody(sink, executor, scheduler, ticker, writeTimeout.toNanos(),
        GrizzlyOutputs.queuedBytes(connection));
    relay.start(contentLength.isPresent() ? DeferredExchanges.deferUntilWritten(request)
        : DeferredExchanges.deferUntilStreamEnds(request));
    body.subscribe(relay);
    contentLength.ifPresent(length -> head.header("Content-Length", length));
    return head.entity(sink.output()).build();
  }
}
