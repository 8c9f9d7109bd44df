package dev.kafkarest.server.http;

import com.fasterxml.jackson.core.JacksonException;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import org.glassfish.grizzly.Connection;

/**
 * Closes the connection at once when writing a response body to the client fails (a body that cannot be
 * rendered, a Jackson error, is left to Jersey's error handling): the client stopped reading for
 * {@code http.write.timeout.ms}, or went away. Without it, the rest of the body, Jersey's error handling and
 * the final flush each waited for the write timeout again, holding the response thread three times as long.
 * The connection reaches the interceptor as a request property ({@link GrizzlyRequests}).
 */
final class ClosingOnWriteFailure implements WriterInterceptor {
  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    try {
      context.proceed();
    } catch (JacksonException e) {
      throw e; // the body could not be rendered: the connection is fine, and Jersey answers the error
    } catch (IOException e) {
      if (context.getProperty(GrizzlyRequests.CONNECTION) instanceof Connection<?> connection) {
        connection.terminateSilently();
      }
      throw e;
    }
  }
}
