package dev.kafkarest.server.http;

import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import org.glassfish.grizzly.Connection;

/**
 * Closes the connection at once when writing a response body fails: the client stopped reading for
 * {@code http.write.timeout.ms}, or went away. Without it, the rest of the body, Jersey's error handling and
 * the final flush each waited for the write timeout again, holding the response thread three times as long.
 * The connection reaches the interceptor as a request property, set by {@link MalformedUriGuard}, the handler
 * in front of Jersey.
 */
final class ClosingOnWriteFailure implements WriterInterceptor {
  /** Request property: the Grizzly connection the request came on. */
  static final String CONNECTION = ClosingOnWriteFailure.class.getName() + ".connection";

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    try {
      context.proceed();
    } catch (IOException e) {
      if (context.getProperty(CONNECTION) instanceof Connection<?> connection) {
        connection.terminateSilently();
      }
      throw e;
    }
  }
}
