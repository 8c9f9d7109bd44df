package dev.kafkarest.server.http;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Answers requests whose URI has a malformed percent-escape ({@code /topics/%zz}) with 400 in
 * Confluent's error JSON, before they reach Jersey. Jersey's Grizzly container fails on such a URI
 * before any exception mapper runs, and Grizzly would answer with an HTML page and a stack trace.
 */
public final class MalformedUriGuard extends HttpHandler {
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
  private static final byte[] BODY =
      "{\"error_code\":400,\"message\":\"Malformed percent-encoding in the request URI.\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpHandler next;

  public MalformedUriGuard(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    String uri = request.getRequest().getRequestURIRef().getOriginalRequestURIBC().toString();
    String query = request.getQueryString();
    if (BAD_ESCAPE.matcher(uri).find() || (query != null && BAD_ESCAPE.matcher(query).find())) {
      response.setStatus(400);
      response.setContentType("application/json");
      response.setContentLength(BODY.length);
      response.getOutputStream().write(BODY);
      return;
    }
    request.setAttribute(ClosingOnWriteFailure.CONNECTION, request.getContext().getConnection());
    next.service(request, response);
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
