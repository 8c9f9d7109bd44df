package dev.kafkarest.server.nodes;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.GrizzlyRequests;
import dev.kafkarest.server.logging.LogText;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the owner, takes the caller's identity from a call another node forwarded, before authentication:
 * with a valid {@link NodeSignature} the identity is the one the forwarding node established, and the
 * call is marked {@link #FORWARDED} so that it is never forwarded again. A call that carries forwarding
 * headers with a bad signature is refused with 401/40101, before its body is read (the signature covers the body's
 * digest, checked against the body once the signature holds), and its answer names the nodes' scheme in
 * {@code WWW-Authenticate} ({@value #CHALLENGE}), as a 401 must; one without them is authenticated as usual.
 *
 * <p>Nodes forward only calls for consumer instances ({@code /consumers/{group}/instances/{instance}} and below),
 * so a signed identity is accepted there only: a leaked {@code nodes.secret} (or a captured call, replayed within
 * {@link NodeSignature#MAX_AGE}) cannot speak for anyone on produce, metadata or admin calls.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
final class ForwardedCallFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** The request property set on a call that another node forwarded. */
  static final String FORWARDED = "dev.kafkarest.nodes.forwarded";
  /** The challenge of a refused forwarded call: the scheme nodes authenticate each other with. */
  static final String CHALLENGE = "Kafka-Rest-Node realm=\"kafka-rest-nodes\"";
  /** The request property set on a refused forwarded call, whose answer then carries {@link #CHALLENGE}. */
  private static final String REFUSED = "dev.kafkarest.nodes.refused";
  /** Forwarded calls are consumer-instance calls, whose bodies are small; read only once the signature holds. */
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(ForwardedCallFilter.class);

  private final NodeSignature signature;

  ForwardedCallFilter(NodeSignature signature) {
    this.signature = signature;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String identityHeader = request.getHeaderString(NodeSignature.IDENTITY);
    String signatureHeader = request.getHeaderString(NodeSignature.SIGNATURE);
    if (identityHeader == null && signatureHeader == null) {
      return;
    }
    String digest = request.getHeaderString(NodeSignature.BODY_DIGEST);
    Identity identity;
    try {
      // From the headers alone, so that a forged call is refused before its body is read.
      identity = signature.verify(request.getMethod(), pathAndQuery(request.getUriInfo().getRequestUri()),
          identityHeader, request.getHeaderString(NodeSignature.SIGNED_AT), signatureHeader, digest);
    } catch (IllegalArgumentException e) {
      throw refused(request, e.getMessage(), "Invalid forwarding signature");
    }
    if (!isInstanceCall(request.getUriInfo().getPathSegments())) {
      throw refused(request, "only consumer instance calls are forwarded",
          "Forwarded identities are accepted on consumer instance calls only");
    }
    try {
      NodeSignature.verifyBody(digest, body(request));
    } catch (IllegalArgumentException e) {
      throw refused(request, e.getMessage(), "Invalid forwarding signature");
    }
    request.setProperty(FORWARDED, Boolean.TRUE);
    RequestIdentity.assign(request, identity, "Forwarded");
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(REFUSED) != null) {
      response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    }
  }

  /**
   * Logs a refused forwarded call, marks it for the challenge, and {@return the 401 to answer}: the node the call
   *     names comes from the call, so the line says where it really came from, and shows what it claims only made
   *     fit for a log
   */
  private static ProxyException refused(ContainerRequestContext request, String reason, String message) {
    String claimedNode = request.getHeaderString(NodeSignature.FORWARDED_BY);
    // INFO, as every other refusal: anyone can send such headers, one line each.
    LOG.info("Refused a {} with forwarding headers from {} (naming node {}): {}", request.getMethod(),
        String.valueOf(GrizzlyRequests.clientAddress(request)),
        claimedNode == null ? "none" : LogText.loggable(claimedNode), reason);
    request.setProperty(REFUSED, Boolean.TRUE);
    return new ProxyException(ErrorCode.AUTHENTICATION_FAILED, message);
  }

  /** {@return whether a path is {@code consumers/{group}/instances/{instance}} or below it} */
  static boolean isInstanceCall(List<PathSegment> segments) {
    return segments.size() >= 4 && segments.get(0).getPath().equals("consumers")
        && segments.get(2).getPath().equals("instances") && !segments.get(1).getPath().isEmpty()
        && !segments.get(3).getPath().isEmpty();
  }

  /** {@return the raw path and query, exactly as signed by the forwarding node} */
  static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private static byte[] body(ContainerRequestContext request) {
    if (!request.hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = request.getEntityStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new ProxyException(ErrorCode.PAYLOAD_TOO_LARGE, "A forwarded body is limited to " + MAX_BODY_BYTES
            + " bytes.");
      }
      request.setEntityStream(new ByteArrayInputStream(body));
      return body;
    } catch (IOException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The request body could not be read.");
    }
  }
}
