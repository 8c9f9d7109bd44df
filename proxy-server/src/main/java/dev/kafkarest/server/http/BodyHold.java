package dev.kafkarest.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What a request's body holds against a {@link BodyAdmission} since its header arrived; released exactly
 * once, however often asked. {@link WholeBodyFilter} hands it to the application as the request property
 * {@link #PROPERTY} once the body is complete, so that the limit's own filter takes it over instead of
 * counting the body again; the filter releases it if the connection closes first, or when the response is
 * complete.
 */
public final class BodyHold implements BodyAdmission.Decision {
  /** The request property (a Grizzly request attribute) that carries a hold to the application. */
  public static final String PROPERTY = BodyHold.class.getName();
  /** Holds nothing. */
  public static final BodyHold NONE = new BodyHold(() -> {});

  private final AtomicReference<@Nullable Runnable> release;

  private BodyHold(Runnable release) {
    this.release = new AtomicReference<>(release);
  }

  /** {@return a hold that runs {@code release} once, on the first {@link #release}} */
  public static BodyHold of(Runnable release) {
    return new BodyHold(release);
  }

  /** {@return the hold the HTTP layer handed to {@code request}, or null} */
  public static @Nullable BodyHold of(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof BodyHold hold ? hold : null;
  }

  /** Releases what is held; later calls do nothing. */
  public void release() {
    Runnable pending = release.getAndSet(null);
    if (pending != null) {
      pending.run();
    }
  }
}
