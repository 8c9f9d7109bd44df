package dev.kafkarest.server.http;

import dev.kafkarest.server.config.CorsSettings;
import dev.kafkarest.server.config.HttpSettings;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * The pre-matching filters every request passes before a resource sees it, each ordered by its own
 * priority: CORS, admission ({@code http.max.inflight.requests}, else 429), a Content-Type without a body
 * ignored, gzip request bodies inflated (415 for other codings), the body size limit (413), and trailing slashes.
 */
public final class Admission implements Feature {
  private final CorsFilter cors;
  private final AdmissionFilter admission;
  private final BodySizeLimitFilter bodySize;

  public Admission(HttpSettings http, CorsSettings cors) {
    this.cors = new CorsFilter(cors.allowedOrigins(), cors.allowedMethods(), cors.allowedHeaders(),
        cors.exposedHeaders());
    this.admission = new AdmissionFilter(http.maxInflightRequests());
    this.bodySize = new BodySizeLimitFilter(http.requestBodyMaxBytes());
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(cors)
        .register(admission)
        .register(new BodylessRequestFilter())
        .register(new RequestDecodingFilter())
        .register(new ContentTypeFilter())
        .register(bodySize)
        .register(new TrailingSlashFilter());
    return true;
  }

  /** {@return the number of requests admitted and not yet answered} */
  public int inFlight() {
    return admission.inFlight();
  }
}
