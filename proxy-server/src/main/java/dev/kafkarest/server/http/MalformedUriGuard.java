package dev.kafkarest.server.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Answers requests whose URI has a malformed percent-escape ({@code /topics/%zz}) with 400 in
 * Confluent's error JSON, before they reach Jersey, and those whose request target or {@code Host} Jersey cannot
 * make a URI of (a raw non-ASCII byte, a backslash or a control character in the path, {@code Host: a@b}). Jersey's
 * Grizzly container fails on such a URI before any exception mapper runs, and Grizzly would answer with an HTML
 * page and a stack trace. Its {@link RequestThreads} choose the thread each request goes through Jersey on.
 */
public final class MalformedUriGuard extends HttpHandler {
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
  private static final byte[] BODY =
      "{\"error_code\":400,\"message\":\"Malformed percent-encoding in the request URI.\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] UNPARSABLE_BODY = ("{\"error_code\":400,\"message\":\"The request target or the Host "
      + "header is not a valid URI: percent-encode characters outside ASCII, spaces and controls.\"}")
      .getBytes(StandardCharsets.UTF_8);

  private final HttpHandler next;
  private final RequestThreads threads;

  public MalformedUriGuard(HttpHandler next, RequestThreads threads) {
    this.next = next;
    this.threads = threads;
  }

  /**
   * {@return a Grizzly server, not yet started, that serves {@code application} at {@code uri} behind this guard,
   *     which also hands each request's connection and client address to the filters ({@link GrizzlyRequests})}
   *
   * @param inner wraps Jersey's handler inside the guard
   * @param threads the thread each request goes through Jersey on
   */
  public static HttpServer createServer(URI uri, ResourceConfig application, UnaryOperator<HttpHandler> inner,
      RequestThreads threads) {
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, application, false);
    ServerConfiguration configuration = server.getServerConfiguration();
    HttpHandler jersey = configuration.getHttpHandlers().keySet().iterator().next();
    configuration.removeHttpHandler(jersey);
    configuration.addHttpHandler(new MalformedUriGuard(inner.apply(jersey), threads),
        HttpHandlerRegistration.ROOT);
    return server;
  }

  /** {@return a server as {@link #createServer(URI, ResourceConfig, UnaryOperator, RequestThreads)} makes, with
   *     every request going through Jersey on a worker thread} */
  public static HttpServer createServer(URI uri, ResourceConfig application, UnaryOperator<HttpHandler> inner) {
    return createServer(uri, application, inner, RequestThreads.workersOnly());
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    String uri = request.getRequest().getRequestURIRef().getOriginalRequestURIBC().toString();
    String query = request.getQueryString();
    if (badEscape(uri) || (query != null && badEscape(query))) {
      badRequest(response, BODY);
      return;
    }
    if (!hostParses(request)) {
      badRequest(response, UNPARSABLE_BODY);
      return;
    }
    GrizzlyRequests.copy(request);
    try {
      next.service(request, response);
    } catch (IllegalArgumentException e) {
      // Jersey makes the request's URIs first thing, before anything is answered, and wraps java.net.URI's refusal.
      if (!(e.getCause() instanceof URISyntaxException) || response.isCommitted()) {
        throw e;
      }
      badRequest(response, UNPARSABLE_BODY);
    }
  }

  /** {@return whether Grizzly can read the Host header}: it parses it when asked, and refuses a port of no number */
  private static boolean hostParses(Request request) {
    try {
      request.getServerName();
      return true;
    } catch (IllegalStateException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void badRequest(Response response, byte[] body) throws IOException {
    response.setStatus(400);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static boolean badEscape(String text) {
    return text.indexOf('%') >= 0 && BAD_ESCAPE.matcher(text).find();
  }

  @Override
  public RequestExecutorProvider getRequestExecutorProvider() {
    return threads;
  }

  @Override
  public void start() {
    next.start();
  }

  @Override
  public void destroy() {
    next.destroy();
  }
}
