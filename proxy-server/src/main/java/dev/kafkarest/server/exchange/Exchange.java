package dev.kafkarest.server.exchange;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One answered HTTP request.
 *
 * @param time when the proxy began to handle the request
 * @param method the HTTP method, upper case as received
 * @param template the path template the request matched (such as {@code /topics/{topic}}), or
 *     {@link #UNMATCHED} when it names no path of the API; never a raw path, so it is a safe metric label
 * @param path the raw request path, without the query
 * @param status the HTTP status sent
 * @param errorCode the {@code error_code} of an error envelope response, or null for any other response
 * @param durationNanos from the start of handling to the last byte of the response written
 * @param requestBytes request body bytes the proxy read
 * @param responseBytes response body bytes written
 * @param principal the authenticated principal, or null for an anonymous request
 * @param clientAddress the peer's IP address (never a forwarded-for header), or {@code unknown}
 * @param requestId the request's id, as echoed in {@code X-Request-Id}
 * @param stream whether the response was a stream of records (SSE, NDJSON): its duration is then the stream's
 *     life, not a request's latency
 */
public record Exchange(
    Instant time,
    String method,
    String template,
    String path,
    int status,
    @Nullable Integer errorCode,
    long durationNanos,
    long requestBytes,
    long responseBytes,
    @Nullable String principal,
    String clientAddress,
    String requestId,
    boolean stream) {

  /** The template of a request that matched no path of the API. */
  public static final String UNMATCHED = "UNMATCHED";
}
