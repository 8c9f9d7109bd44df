package dev.kafkarest.server.exchange;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.http.GrizzlyRequests;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Fills in each request's {@link ExchangeState} before any other filter can answer it: the request id
 * ({@code X-Request-Id}, accepted or generated), the client's address, and a count of the body bytes read.
 * On the way out (also for requests another filter answered first) it echoes the id on every response,
 * notes the principal and the {@code error_code} of an error envelope, and counts the body bytes written.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
final class ExchangeFilter implements ContainerRequestFilter, ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    ExchangeState state = state(request);
    arrived(request, state);
    if (request.hasEntity()) {
      request.setEntityStream(state.countRead(request.getEntityStream()));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    ExchangeState state = state(request);
    if (state.requestId().isEmpty()) {
      arrived(request, state);
    }
    response.getHeaders().putSingle(RequestIds.HEADER, state.requestId());
    Identity identity = RequestIdentity.of(request);
    state.principal(identity.authenticated() ? identity.name() : null);
    state.errorCode(ErrorEnvelopes.errorCode(response.getEntity()));
    if (response.hasEntity()) {
      response.setEntityStream(state.countWritten(response.getEntityStream()));
    }
  }

  /** {@return the request's state, as the recorder left it; a new one when there is no recorder} */
  private static ExchangeState state(ContainerRequestContext request) {
    if (request.getProperty(ExchangeState.PROPERTY) instanceof ExchangeState state) {
      return state;
    }
    ExchangeState state = new ExchangeState();
    request.setProperty(ExchangeState.PROPERTY, state);
    return state;
  }

  private void arrived(ContainerRequestContext request, ExchangeState state) {
    String given = request.getHeaderString(RequestIds.HEADER);
    String id = RequestIds.acceptOrGenerate(given);
    state.arrived(id, GrizzlyRequests.clientAddress(request));
    if (!id.equals(given)) {
      // A call forwarded to the instance's owner node carries the id this node logs, so both lines match.
      request.getHeaders().putSingle(RequestIds.HEADER, id);
    }
  }
}
