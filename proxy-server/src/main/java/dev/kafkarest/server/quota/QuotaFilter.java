package dev.kafkarest.server.quota;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.quota.QuotaDecision;
import dev.kafkarest.core.quota.QuotaGuard;
import dev.kafkarest.core.quota.QuotaKey;
import dev.kafkarest.core.quota.QuotaKind;
import dev.kafkarest.server.http.BodyAdmission;
import dev.kafkarest.server.http.BodyHold;
import dev.kafkarest.server.http.CountingInputStream;
import dev.kafkarest.server.http.GrizzlyRequests;
import dev.kafkarest.server.http.ReadAllowance;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Applies the quotas to the requests {@link QuotaRoutes} counts, before resource matching and before any
 * body is read, right after authentication (whose identity keys the quota).
 *
 * <p>A refusal throws {@link ProxyException} 429/42901, answered in the proxy's error envelope, and this
 * filter's response side adds {@code Retry-After}. A refused request reaches no resource and no Kafka client,
 * and counts against no other quota: nothing it took is kept.
 *
 * <ul>
 *   <li>Produce with a {@code Content-Length}: the length is counted in flight (released on the response,
 *       whatever it is) and taken from the client's byte allowance up front.
 *   <li>Produce without one (chunked): checked up front for the request allowance and any bytes owed; its
 *       bytes are counted as they are read, in flight (a body that would take the total over the cap is
 *       refused while being read, before anything of it is produced) and against the byte allowance, owed
 *       like a large body's.
 *   <li>Consumer reads: checked up front (refused while the client owes bytes); the response's bytes are
 *       charged once it is built. A stream's bytes are charged batch by batch through its {@link ReadAllowance},
 *       and it waits while its client owes bytes.
 * </ul>
 *
 * <p>A produce body with a {@code Content-Length} that did not arrive with its header is counted in flight
 * while it arrives, below Jersey ({@link #bodyAdmission}); this filter then takes that {@link BodyHold}
 * over instead of counting the body again.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 500)
final class QuotaFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** Request property: the {@link InFlight} bytes to release when the response is ready. */
  private static final String IN_FLIGHT = QuotaFilter.class.getName() + ".inFlight";
  /** Request property: the {@link QuotaKey} to charge a consumer read's response bytes to. */
  private static final String CONSUMER = QuotaFilter.class.getName() + ".consumer";
  /** Request property: the seconds of the {@code Retry-After} header of a refusal. */
  private static final String RETRY_AFTER = QuotaFilter.class.getName() + ".retryAfter";
  /** Address key of a request whose client address is unknown (outside Grizzly). */
  static final String UNKNOWN_ADDRESS = "unknown";
  private static final String IN_FLIGHT_REFUSED = "Too many produce bytes in flight";

  private final QuotaGuard guard;

  QuotaFilter(QuotaGuard guard) {
    this.guard = guard;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    QuotaKind kind = QuotaRoutes.kindOf(request.getMethod(), request.getUriInfo().getPath(false));
    if (kind == null) {
      return;
    }
    Identity caller = RequestIdentity.of(request);
    // Only anonymous callers are keyed by address.
    QuotaKey key = QuotaKey.of(caller, caller.authenticated() ? "" : clientAddress(request));
    if (kind == QuotaKind.CONSUME) {
      require(request, guard.tryAcquire(key, QuotaKind.CONSUME, 0), "Consume quota exceeded");
      request.setProperty(CONSUMER, key);
      ReadAllowance allowance = bytes -> guard.chargeAndOwedNanos(key, QuotaKind.CONSUME, bytes);
      request.setProperty(ReadAllowance.PROPERTY, allowance);
      return;
    }
    int length = request.getLength();
    if (length < 0) {
      require(request, guard.tryAcquire(key, QuotaKind.PRODUCE, 0), "Produce quota exceeded");
      InFlight inFlight = new InFlight(guard);
      request.setProperty(IN_FLIGHT, inFlight);
      request.setEntityStream(new CountingInputStream(request.getEntityStream(),
          n -> countChunkedBytes(request, key, inFlight, n)));
      return;
    }
    BodyHold early = BodyHold.of(request);
    InFlight inFlight = new InFlight(guard);
    if (early == null) {
      require(request, guard.tryAcquireProduceBytesInFlight(length), IN_FLIGHT_REFUSED);
      inFlight.add(length);
    }
    QuotaDecision decision = guard.tryAcquire(key, QuotaKind.PRODUCE, length);
    if (!decision.granted()) {
      inFlight.release();
      if (early != null) {
        early.release();
      }
      require(request, decision, "Produce quota exceeded");
    }
    request.setProperty(IN_FLIGHT, inFlight);
  }

  /**
   * {@return the produce bytes in flight, counted from a produce's header on while its body arrives: the
   * body's {@code Content-Length}, released with the response or when the connection closes first}
   */
  BodyAdmission bodyAdmission() {
    return (method, rawPath, contentLength) -> {
      if (QuotaRoutes.kindOf(method, rawPath) != QuotaKind.PRODUCE) {
        return BodyHold.NONE;
      }
      QuotaDecision decision = guard.tryAcquireProduceBytesInFlight(contentLength);
      if (!decision.granted()) {
        long seconds = decision.retryAfterSeconds();
        return new BodyAdmission.Refusal(ErrorCode.QUOTA_EXCEEDED.httpStatus(), ErrorCode.QUOTA_EXCEEDED.code(),
            IN_FLIGHT_REFUSED + "; retry after " + seconds + (seconds == 1 ? " second." : " seconds."), seconds);
      }
      return BodyHold.of(() -> guard.releaseProduceBytesInFlight(contentLength));
    };
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(IN_FLIGHT) instanceof InFlight inFlight) {
      request.removeProperty(IN_FLIGHT);
      inFlight.release();
    }
    BodyHold early = BodyHold.of(request);
    if (early != null) {
      early.release();
    }
    if (request.getProperty(CONSUMER) instanceof QuotaKey key) {
      request.removeProperty(CONSUMER);
      if (response.getEntity() instanceof RecordsBody body) {
        guard.charge(key, QuotaKind.CONSUME, body.size());
      }
    }
    if (request.getProperty(RETRY_AFTER) instanceof Long seconds) {
      response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, seconds);
    }
  }

  /** Refuses the request unless {@code decision} granted it. */
  private static void require(ContainerRequestContext request, QuotaDecision decision, String what) {
    if (!decision.granted()) {
      throw refusal(request, decision, what);
    }
  }

  private static ProxyException refusal(ContainerRequestContext request, QuotaDecision decision, String what) {
    long seconds = decision.retryAfterSeconds();
    request.setProperty(RETRY_AFTER, seconds);
    return new ProxyException(ErrorCode.QUOTA_EXCEEDED, what + "; retry after " + seconds
        + (seconds == 1 ? " second." : " seconds."));
  }

  private static String clientAddress(ContainerRequestContext request) {
    String address = GrizzlyRequests.clientAddress(request);
    return address == null ? UNKNOWN_ADDRESS : address;
  }

  /** Produce body bytes one request counts in flight; released once, however often asked. */
  private static final class InFlight {
    private final QuotaGuard guard;
    private final AtomicLong bytes = new AtomicLong();

    InFlight(QuotaGuard guard) {
      this.guard = guard;
    }

    void add(long n) {
      bytes.addAndGet(n);
    }

    void release() {
      long held = bytes.getAndSet(0);
      if (held > 0) {
        guard.releaseProduceBytesInFlight(held);
      }
    }
  }

  /** Counts bytes of a chunked produce body in flight and against the client's allowance as they are read. */
  private void countChunkedBytes(ContainerRequestContext request, QuotaKey key, InFlight inFlight, int n) {
    QuotaDecision decision = guard.tryAcquireProduceBytesInFlight(n);
    if (!decision.granted()) {
      throw refusal(request, decision, IN_FLIGHT_REFUSED);
    }
    inFlight.add(n);
    guard.charge(key, QuotaKind.PRODUCE, n);
  }
}
