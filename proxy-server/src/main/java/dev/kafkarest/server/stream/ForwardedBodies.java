package dev.kafkarest.server.stream;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.server.exchange.DeferredExchanges;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
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
  private final Duration ownerTimeout;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Ticker ticker;

  /**
   * @param writeTimeout how long a client may take nothing of what it was sent before its connection is closed
   * @param ownerTimeout how long an owner may send nothing of a body the client waits for before the client's
   *     connection is closed ({@code nodes.forward.timeout.ms}: the HTTP client's own timeout ends with the head)
   * @param executor runs the relays' steps (never blocks)
   * @param scheduler schedules their write-timeout ticks onto {@code executor}
   */
  public ForwardedBodies(Duration writeTimeout, Duration ownerTimeout, Executor executor, Scheduler scheduler,
      Ticker ticker) {
    this.writeTimeout = writeTimeout;
    this.ownerTimeout = ownerTimeout;
    this.executor = executor;
    this.scheduler = scheduler;
    this.ticker = ticker;
  }

  /**
   * An answer to resume the client's request with, and what starts relaying its body: run {@link #start} once the
   * request is resumed with {@link #response} (Jersey has then written the head and taken the body's output, so
   * the body's end cannot come before it), or {@link #abandon} when it could not be resumed (the owner's answer
   * is then cancelled).
   */
  public record Relay(Response response, Runnable start, Runnable abandon) {
    /** {@return an answer with nothing to relay} */
    public static Relay of(Response response) {
      return new Relay(response, () -> {}, () -> {});
    }
  }

  /**
   * {@return {@code head} (the owner's status and headers) with the owner's body as its entity}, relayed as it
   * arrives once started. A body of known length keeps its {@code Content-Length}; one of unknown length (a stream
   * of records) is recorded as a stream when it ends.
   *
   * @param request the request being answered, for the client's connection
   * @param contentLength the owner's {@code Content-Length}, when it sent one
   * @param body the owner's body; subscribed to when the relay starts
   */
  public Relay relay(ContainerRequestContext request, Response.ResponseBuilder head, OptionalLong contentLength,
      Flow.Publisher<List<ByteBuffer>> body) {
    Connection<?> connection = GrizzlyOutputs.connectionOf(request);
    ChunkedSink<byte[]> sink = contentLength.isPresent()
        ? ChunkedSink.forBody(byte[].class, GrizzlyOutputs.of(request), connection)
        : ChunkedSink.forStream(byte[].class, GrizzlyOutputs.of(request), connection);
    ForwardedBody relay = new ForwardedBody(sink, executor, scheduler, ticker, writeTimeout.toNanos(),
        ownerTimeout.toNanos(), GrizzlyOutputs.queuedBytes(connection));
    Runnable whenClosed = contentLength.isPresent() ? DeferredExchanges.deferUntilWritten(request)
        : DeferredExchanges.deferUntilStreamEnds(request);
    contentLength.ifPresent(length -> head.header(HttpHeaders.CONTENT_LENGTH, length));
    return relaying(head.entity(sink.output()).build(), relay, body, whenClosed);
  }

  /**
   * {@return a relay of {@code body} through {@code relay}}; abandoned, it cancels the owner's answer and runs {@code
   *     whenClosed} all the same: the request was answered otherwise (a timeout, a client gone), and the record of
   *     that answer waits for it
   */
  static Relay relaying(Response response, ForwardedBody relay, Flow.Publisher<List<ByteBuffer>> body,
      Runnable whenClosed) {
    return new Relay(response, () -> {
      relay.start(whenClosed);
      body.subscribe(relay);
    }, () -> {
      body.subscribe(new Cancelling());
      whenClosed.run();
    });
  }

  /** Cancels the body it is given. */
  private static final class Cancelling implements Flow.Subscriber<List<ByteBuffer>> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> item) {}

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}
