package dev.kafkarest.server.http;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.jackson.JacksonFeature;

/**
 * The proxy's {@code ObjectMapper} and the exception mappers that answer every failure with
 * {@code {"error_code", "message"}}.
 *
 * <p>Register {@link #jsonBinding()} on the application itself, before this feature: Jersey's auto-discovery
 * runs before features are configured, and would otherwise add Jackson's own exception mappers, which answer
 * with plain text.
 */
public final class HttpErrors implements Feature {
  private final ObjectMapperProvider json;

  public HttpErrors(ObjectMapperProvider json) {
    this.json = json;
  }

  /** {@return Jackson's JSON binding without its exception mappers} */
  public static JacksonFeature jsonBinding() {
    return JacksonFeature.withoutExceptionMappers();
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(json)
        .register(new ProxyExceptionMapper())
        .register(new WebApplicationExceptionMapper())
        .register(new JsonExceptionMapper())
        .register(new CatchAllExceptionMapper())
        .register(new ClosingOnWriteFailure());
    return true;
  }
}
