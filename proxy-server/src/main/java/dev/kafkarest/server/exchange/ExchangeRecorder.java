package dev.kafkarest.server.exchange;

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
 * and ends when its response is written ({@link RequestEvent.Type#FINISHED}), for suspended responses too,
 * or, for a body written after Jersey is done with it, when that body is ({@link DeferredExchanges}).
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
    if (listeners.isEmpty()) {
      return null;
    }
    ContainerRequest request = start.getContainerRequest();
    ExchangeState state = new ExchangeState();
    request.setProperty(ExchangeState.PROPERTY, state);
    return new InFlight(clock.instant(), nanoTime.getAsLong(), request.getMethod(),
        String.valueOf(request.getRequestUri().getRawPath()), state);
  }

  /**
   * One request between the start of its handling and its written response. By then the container may have
   * recycled the request (suspended responses), so all it reads then was kept before.
   */
  private final class InFlight implements RequestEventListener {
    private final Instant start;
    private final long startNanos;
    private final String method;
    private final String path;
    private final ExchangeState state;
    private List<UriTemplate> matched = List.of();

    InFlight(Instant start, long startNanos, String method, String path, ExchangeState state) {
      this.start = start;
      this.startNanos = startNanos;
      this.method = method;
      this.path = path;
      this.state = state;
    }

    @Override
    public void onEvent(RequestEvent event) {
      if (event.getType() == RequestEvent.Type.RESP_FILTERS_START && event.getUriInfo() != null) {
        matched = event.getUriInfo().getMatchedTemplates();
      } else if (event.getType() == RequestEvent.Type.FINISHED) {
        ContainerResponse response = event.getContainerResponse();
        int status = response == null ? 500 : response.getStatus();
        state.whenWritten(() -> record(status));
      }
    }

    private void record(int status) {
      Exchange exchange = new Exchange(start, method, templates.template(matched, path), path, status,
          state.errorCode(), nanoTime.getAsLong() - startNanos, state.requestBytes(), state.responseBytes(),
          state.principal(), state.clientAddress(),
          state.requestId().isEmpty() ? RequestIds.generate() : state.requestId(), state.stream());
      for (ExchangeListener listener : listeners) {
        try {
          listener.answered(exchange);
        } catch (RuntimeException e) {
          LOG.warn("Exchange listener {} failed: {}", listener.getClass().getName(), e.toString());
        }
      }
    }
  }
}
