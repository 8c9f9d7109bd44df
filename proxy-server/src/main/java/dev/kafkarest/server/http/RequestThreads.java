package dev.kafkarest.server.http;

import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.nio.NIOConnection;

/**
 * Chooses the thread that takes a request through Jersey. Grizzly parses a request on its connection's selector
 * thread (or, when it was pipelined behind another, on the thread that finished that one's answer) and by default
 * hands it to a worker thread. A records read ({@code GET /consumers/{group}/instances/{instance}/records} without a
 * body) stays on the thread that parsed it instead: on its way through Jersey nothing waits (the read is queued on
 * its instance's lane, or forwarded asynchronously to the instance's node, and the answer is written later from a
 * response thread), so the hand-off to a worker would only cost a thread's wake-up and park per read: about a tenth
 * of the proxy's CPU at 1,000 idle long-polling instances (C3, {@code docs/benchmarks.md}).
 *
 * <p>A read goes to a worker all the same:
 * <ul>
 *   <li>when callers are checked: a password's first check hashes it, a bearer token may fetch keys, a client
 *       certificate is parsed, and an authorization rules file is read again when it changed;
 *   <li>when it is not HTTP/1.1: an HTTP/1.0 request need not name its host, and Jersey then names the
 *       listener's, which may take a reverse DNS look-up;
 *   <li>while its connection still has answers queued for the client: an error answered on the way (404, 429)
 *       would wait for the client to read, and a selector thread must never wait.
 * </ul>
 */
public final class RequestThreads implements RequestExecutorProvider {
  private static final Pattern RECORDS = Pattern.compile("/consumers/[^/]+/instances/[^/]+/records");
  /**
   * Runs the request at once, on the thread that parsed it. Not {@code null}, Grizzly's own way to say so: that
   * skips the suspension of the connection's processing that a hand-off does, and a request arriving on a
   * keep-alive connection before the last answer was finished was then taken for that request's body and never
   * answered.
   */
  private static final Executor HERE = Runnable::run;

  private final RequestExecutorProvider workers = new RequestExecutorProvider.WorkerThreadProvider();
  private final boolean readsWhereParsed;

  private RequestThreads(boolean readsWhereParsed) {
    this.readsWhereParsed = readsWhereParsed;
  }

  /**
   * {@return the proxy's threads: records reads go through Jersey where they were parsed, unless callers are
   *     checked; every other request goes to a worker}
   *
   * @param checkingCallers whether requests are authenticated (by any means) or authorized
   */
  public static RequestThreads forProxy(boolean checkingCallers) {
    return new RequestThreads(!checkingCallers);
  }

  /** {@return threads that take every request through Jersey on a worker, as Grizzly does by default} */
  public static RequestThreads workersOnly() {
    return new RequestThreads(false);
  }

  @Override
  public Executor getExecutor(Request request) {
    HttpRequestPacket packet = request.getRequest();
    if (readsWhereParsed && packet != null
        && isBodilessRead(packet.getProtocol(), packet.getMethod(), packet.getRequestURI(), packet.getContentLength(),
            packet.isChunked())
        && nothingQueued(request.getContext().getConnection())) {
      return HERE;
    }
    return workers.getExecutor(request);
  }

  /**
   * {@return whether a request is an HTTP/1.1 records read without a body}
   *
   * @param uri the request's path as sent, before decoding
   * @param contentLength the announced body length, negative when none was announced
   */
  static boolean isBodilessRead(Protocol protocol, Method method, String uri, long contentLength, boolean chunked) {
    return Protocol.HTTP_1_1.equals(protocol) && Method.GET.equals(method) && contentLength <= 0 && !chunked
        && RECORDS.matcher(uri).matches();
  }

  /** {@return whether the connection has nothing waiting to be written to its client} */
  static boolean nothingQueued(Connection<?> connection) {
    return connection instanceof NIOConnection nio && nio.getAsyncWriteQueue().isEmpty();
  }
}
