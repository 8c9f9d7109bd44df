package dev.kafkarest.server.stream;

import java.io.IOException;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.WriteHandler;
import org.glassfish.grizzly.http.io.OutputBuffer;
import org.glassfish.jersey.server.ChunkedOutput;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream's response on Jersey's {@link ChunkedOutput}, with Grizzly's output buffer telling whether the
 * socket can take more: once its queue is over Grizzly's limit, {@link #writable} says no and asks Grizzly
 * to call back, so a slow reader never blocks a thread. Without that buffer (another container), every
 * write is taken as non-blocking. Grizzly's connection tells when the client goes away between writes.
 *
 * <p>An endless stream also reads its connection while it runs, to see the client's close at once ({@link
 * #forStream}). A body of known length must not ({@link #forBody}): its client sends the next request on the
 * kept-alive connection as soon as it has the last byte, possibly before the body's end is processed here, and
 * Grizzly would take that request as part of the one being answered and lose it.
 */
final class ChunkedSink<T> implements StreamSink<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkedSink.class);

  private final ChunkedOutput<T> output;
  private final @Nullable OutputBuffer socket;
  private final @Nullable Connection<?> connection;
  private final boolean readWhileWriting;
  private boolean callbackPending;
  private @Nullable CloseListener<Closeable, ICloseType> closeListener;

  private ChunkedSink(Class<T> type, @Nullable OutputBuffer socket, @Nullable Connection<?> connection,
      boolean readWhileWriting) {
    this.output = new ChunkedOutput<>(type);
    this.socket = socket;
    this.connection = connection;
    this.readWhileWriting = readWhileWriting;
  }

  /**
   * {@return the sink of an endless stream, which reads its connection while it writes to see the client go}
   *
   * @param type what is written: each chunk goes through Jersey's writer of that type
   */
  static <T> ChunkedSink<T> forStream(Class<T> type, @Nullable OutputBuffer socket,
      @Nullable Connection<?> connection) {
    return new ChunkedSink<>(type, socket, connection, true);
  }

  /**
   * {@return the sink of a body of known length, which leaves the connection's input alone until it ends, so a
   *     next request is served after it}
   */
  static <T> ChunkedSink<T> forBody(Class<T> type, @Nullable OutputBuffer socket,
      @Nullable Connection<?> connection) {
    return new ChunkedSink<>(type, socket, connection, false);
  }

  /** {@return the response entity} */
  ChunkedOutput<T> output() {
    return output;
  }

  @Override
  public synchronized boolean writable(Runnable whenWritable) {
    if (writableNow()) {
      return true;
    }
    if (!callbackPending && socket != null) {
      callbackPending = true;
      socket.notifyCanWrite(new WriteHandler() {
        @Override
        public void onWritePossible() {
          called(whenWritable);
        }

        @Override
        public void onError(Throwable error) {
          LOG.debug("Stream's connection failed while waiting to write: {}", error.toString());
          called(whenWritable);
        }
      });
    }
    return false;
  }

  @Override
  public synchronized boolean writableNow() {
    return output.isClosed() || socket == null || socket.canWrite();
  }

  @Override
  public void write(T chunk) throws IOException {
    output.write(chunk);
  }

  @Override
  public void onDisconnect(Runnable whenClosed) {
    if (connection == null) {
      return;
    }
    CloseListener<Closeable, ICloseType> listener = (closed, type) -> whenClosed.run();
    synchronized (this) {
      closeListener = listener;
    }
    connection.addCloseListener(listener);
    if (!connection.isOpen() && connection.removeCloseListener(listener)) {
      whenClosed.run();
      return;
    }
    if (!readWhileWriting) {
      // The close is then seen when a write fails.
      return;
    }
    try {
      // Grizzly stops reading a connection while its request is served, so it would not see the client's FIN
      // until a write failed; reading again lets it close the connection (and call the listener) at once. A
      // client that pipelines another request meanwhile is not served before the stream ends.
      connection.enableIOEvent(IOEvent.READ);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot watch a stream's connection for the client's close: {}", e.toString());
    }
  }

  @Override
  public void abort() {
    if (connection == null) {
      return;
    }
    try {
      connection.terminateSilently();
    } catch (RuntimeException e) {
      LOG.debug("Closing a connection failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    CloseListener<Closeable, ICloseType> listener;
    synchronized (this) {
      listener = closeListener;
      closeListener = null;
    }
    if (listener != null && connection != null) {
      // A kept-alive connection outlives the stream: its later close is none of the stream's business.
      connection.removeCloseListener(listener);
    }
    try {
      output.close();
    } catch (IOException | RuntimeException e) {
      // Jersey throws an UncheckedIOException when the connection is closed already (a client gone, or closed
      // for its write timeout): nothing is left to end.
      LOG.debug("Closing a stream failed: {}", e.toString());
    }
  }

  private void called(Runnable whenWritable) {
    synchronized (this) {
      callbackPending = false;
    }
    whenWritable.run();
  }
}
