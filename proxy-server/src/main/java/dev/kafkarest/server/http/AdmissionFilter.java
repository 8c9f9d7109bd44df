package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.concurrent.Semaphore;

/**
 * Bounds the number of requests in flight (waiting long polls included). Past the limit a request is
 * answered 429 at once, which also bounds the response executor's queue.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class AdmissionFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String ADMITTED = AdmissionFilter.class.getName() + ".admitted";

  private final Semaphore permits;
  private final int limit;

  public AdmissionFilter(int limit) {
    this.limit = limit;
    this.permits = new Semaphore(limit);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!permits.tryAcquire()) {
      throw new ProxyException(ErrorCode.TOO_MANY_REQUESTS,
          "Too many requests in flight (limit " + limit + "); retry later.");
    }
    request.setProperty(ADMITTED, Boolean.TRUE);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(ADMITTED) != null) {
      request.removeProperty(ADMITTED);
      permits.release();
    }
  }

  /** {@return the number of requests in flight} */
  public int inFlight() {
    return limit - permits.availablePermits();
  }
}
