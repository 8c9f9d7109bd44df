package dev.kafkarest.server.exchange;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.glassfish.grizzly.http.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * Starts each request's {@link ExchangeState} before any other filter can answer it: the request id
 * ({@code X-Request-Id}, accepted or generated), the client's address, and a count of the body bytes read.
 * On the way out it echoes the id on every response, notes the {@code error_code} of an error envelope and
 * counts the body bytes written.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
final class ExchangeFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String UNKNOWN_ADDRESS = "unknown";

  @Inject
  private @Nullable Provider<Request> grizzlyRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    ExchangeState state = new ExchangeState(RequestIds.acceptOrGenerate(request.getHeaderString(RequestIds.HEADER)),
        clientAddress());
    request.setProperty(ExchangeState.PROPERTY, state);
    if (request.hasEntity()) {
      request.setEntityStream(state.countRead(request.getEntityStream()));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    ExchangeState state = state(request);
    response.getHeaders().putSingle(RequestIds.HEADER, state.requestId());
    state.errorCode(ErrorEnvelopes.errorCode(response.getEntity()));
    if (response.hasEntity()) {
      response.setEntityStream(state.countWritten(response.getEntityStream()));
    }
  }

  /** {@return the request's state; made now for a request answered before this filter's request side ran} */
  private ExchangeState state(ContainerRequestContext request) {
    if (request.getProperty(ExchangeState.PROPERTY) instanceof ExchangeState state) {
      return state;
    }
    ExchangeState state = new ExchangeState(RequestIds.acceptOrGenerate(
        request.getHeaderString(RequestIds.HEADER)), clientAddress());
    request.setProperty(ExchangeState.PROPERTY, state);
    return state;
  }

  private String clientAddress() {
    try {
      Request grizzly = grizzlyRequest == null ? null : grizzlyRequest.get();
      String address = grizzly == null ? null : grizzly.getRemoteAddr();
      return address == null ? UNKNOWN_ADDRESS : address;
    } catch (RuntimeException outsideGrizzly) {
      return UNKNOWN_ADDRESS;
    }
  }
}
