package dev.kafkarest.server.exchange;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.security.RequestIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Jersey's request events into {@link Exchange}s: timing starts when Jersey starts handling a request
 * and ends when its response is written ({@link RequestEvent.Type#FINISHED}), for suspended responses too.
 * A listener that throws is logged and does not affect the others or the response.
 */
final class ExchangeRecorder implements ApplicationEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeRecorder.class);

  private final List<ExchangeListener> listeners;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private volatile PathTemplates templates = PathTemplates.of(List.of());

  ExchangeRecorder(List<ExchangeListener> listeners, Clock clock, LongSupplier nanoTime) {
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  @Override
  public void onEvent(ApplicationEvent event) {
    if (event.getType() == ApplicationEvent.Type.INITIALIZATION_FINISHED) {
      templates = PathTemplates.of(event.getResourceModel());
    }
  }

  @Override
  public @Nullable RequestEventListener onRequest(RequestEvent start) {
    return listeners.isEmpty() ? null : new InFlight(clock.instant(), nanoTime.getAsLong());
  }

  /** One request between the start of its handling and its written response. */
  private final class InFlight implements RequestEventListener {
    private final Instant start;
    private final long startNanos;

    InFlight(Instant start, long startNanos) {
      this.start = start;
      this.startNanos = startNanos;
    }

    @Override
    public void onEvent(RequestEvent event) {
      if (event.getType() == RequestEvent.Type.FINISHED) {
        Exchange exchange = exchange(event, nanoTime.getAsLong() - startNanos);
        for (ExchangeListener listener : listeners) {
          try {
            listener.answered(exchange);
          } catch (RuntimeException e) {
            LOG.warn("Exchange listener {} failed: {}", listener.getClass().getName(), e.toString());
          }
        }
      }
    }

    private Exchange exchange(RequestEvent event, long durationNanos) {
      ContainerRequest request = event.getContainerRequest();
      ContainerResponse response = event.getContainerResponse();
      String path = String.valueOf(request.getRequestUri().getRawPath());
      ExchangeState state = request.getProperty(ExchangeState.PROPERTY) instanceof ExchangeState known ? known
          : new ExchangeState(RequestIds.generate(), "unknown");
      Identity identity = RequestIdentity.of(request);
      List<UriTemplate> matched = event.getUriInfo() == null ? List.of() : event.getUriInfo().getMatchedTemplates();
      return new Exchange(
          start,
          request.getMethod(),
          templates.template(matched, path),
          path,
          response == null ? 500 : response.getStatus(),
          state.errorCode(),
          durationNanos,
          state.requestBytes(),
          state.responseBytes(),
          identity.authenticated() ? identity.name() : null,
          state.clientAddress(),
          state.requestId());
    }
  }
}
