package dev.kafkarest.server.nodes;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.ws.rs.container.ContainerRequestContext;
import dev.kafkarest.server.stream.ForwardedBodies;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a call to the node that owns its consumer instance and turns the owner's answer into this
 * node's: same status, headers and body, the body streamed through as it arrives.
 *
 * <p>The call keeps its method, raw path and query, body and end-to-end headers; the client's credentials
 * stay here, and the caller's identity travels signed ({@link NodeSignature}). The HTTP client runs on the
 * {@code proxy-forward-*} pool, so no request thread waits for the owner, and long polls on the owner hold no
 * thread here. The owner's body is relayed piece by piece as the client takes it ({@link ForwardedBodies}), so a
 * forwarded stream or a slow client holds no thread either.
 */
final class HttpForwarder {
  private static final Logger LOG = LoggerFactory.getLogger(HttpForwarder.class);
  /**
   * Headers that belong to one connection, that the HTTP client sets itself, or that must not travel. The
   * {@code Origin} was checked here ({@code CorsFilter}), against this node; the owner would check it against its
   * own origin and refuse a browser's same-origin call.
   */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
      "date", "from", "via", "warning", "authorization", "cookie", "origin",
      NodeSignature.IDENTITY.toLowerCase(Locale.ROOT), NodeSignature.SIGNATURE.toLowerCase(Locale.ROOT),
      NodeSignature.SIGNED_AT.toLowerCase(Locale.ROOT), NodeSignature.FORWARDED_BY.toLowerCase(Locale.ROOT),
      NodeSignature.BODY_DIGEST.toLowerCase(Locale.ROOT));
  private static final String CONNECTION = "Connection";
  private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding",
      "content-length", "date", ":status", "upgrade", "trailer", "te", "proxy-authenticate", "proxy-connection");

  private final HttpClient client;
  private final ForwardedBodies relays;
  private final NodeSignature signature;
  private final String nodeId;
  private final Duration timeout;

  HttpForwarder(HttpClient client, ForwardedBodies relays, NodeSignature signature, String nodeId, Duration timeout) {
    this.client = client;
    this.relays = relays;
    this.signature = signature;
    this.nodeId = nodeId;
    this.timeout = timeout;
  }

  /**
   * {@return the owner's answer to the call, on the forwarding pool}; fails with the HTTP client's
   * exception when the owner cannot be reached or does not answer within the forward timeout
   */
  CompletableFuture<ForwardedBodies.Relay> forward(ContainerRequestContext request, Identity caller, String ownerUrl,
      byte[] body) {
    String pathAndQuery = ForwardedCallFilter.pathAndQuery(request.getUriInfo().getRequestUri());
    HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(stripSlash(ownerUrl) + pathAndQuery))
        .timeout(timeout)
        .method(request.getMethod(), body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    Set<String> notForwarded = withConnectionOptions(NOT_FORWARDED,
        request.getHeaders().getOrDefault(CONNECTION, List.of()));
    for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
      if (!notForwarded.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(value -> addIfValid(call, header.getKey(), value));
      }
    }
    signature.headers(request.getMethod(), pathAndQuery, caller, body).forEach(call::header);
    call.header(NodeSignature.FORWARDED_BY, nodeId);
    try {
      return client.sendAsync(call.build(), BodyHandlers.ofPublisher()).thenApply(owner -> answer(request, owner));
    } catch (RejectedExecutionException e) {
      // The HTTP client hands the call to the forwarding pool at once, and a full pool refuses it here.
      return CompletableFuture.failedFuture(new ProxyException(ErrorCode.SERVICE_UNAVAILABLE,
          "This proxy node is forwarding as many calls as it can; retry shortly."));
    }
  }

  /**
   * Adds a header to the call, or leaves it out when the HTTP client refuses it: Grizzly takes some names that are
   * not tokens ({@code X@Y}), which the client cannot send, and the call goes on without them.
   */
  private static void addIfValid(HttpRequest.Builder call, String name, String value) {
    try {
      call.header(name, value);
    } catch (IllegalArgumentException e) {
      LOG.debug("Not forwarding the header {}: {}", name, e.getMessage());
    }
  }

  /** {@return a 307 to the same call ({@code requestUri}'s raw path and query) on the owner} */
  static Response redirect(URI requestUri, String ownerUrl) {
    return Response.temporaryRedirect(URI.create(stripSlash(ownerUrl) + ForwardedCallFilter.pathAndQuery(requestUri)))
        .build();
  }

  private ForwardedBodies.Relay answer(ContainerRequestContext request,
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> owner) {
    Response.ResponseBuilder answer = Response.status(owner.statusCode());
    Set<String> notReturned = withConnectionOptions(NOT_RETURNED, owner.headers().allValues(CONNECTION));
    owner.headers().map().forEach((name, values) -> {
      if (!notReturned.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> answer.header(name, value));
      }
    });
    OptionalLong length = owner.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH);
    if (!hasBody(request.getMethod(), owner.statusCode(), length)) {
      // Taken, so that the HTTP client can reuse its connection.
      owner.body().subscribe(HttpResponse.BodySubscribers.discarding());
      return ForwardedBodies.Relay.of(answer.build());
    }
    return relays.relay(request, answer, length, owner.body());
  }

  /** {@return whether an answer carries a body}: none to HEAD, none with 204 or 304, none of length 0 */
  static boolean hasBody(String method, int status, OptionalLong length) {
    return !method.equals("HEAD") && status != 204 && status != 304 && (length.isEmpty() || length.getAsLong() > 0);
  }

  /**
   * {@return {@code fixed} (lower-case header names) and the names the {@code Connection} header lists}: those
   *     belong to one connection and go no further (RFC 9110, section 7.6.1)
   */
  static Set<String> withConnectionOptions(Set<String> fixed, List<String> connection) {
    if (connection.isEmpty()) {
      return fixed;
    }
    Set<String> names = new HashSet<>(fixed);
    for (String value : connection) {
      for (String option : value.split(",")) {
        String name = option.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
