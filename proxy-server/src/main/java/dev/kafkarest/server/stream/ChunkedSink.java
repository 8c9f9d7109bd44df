package dev.kafkarest.server.stream;

import java.io.IOException;
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
 * write is taken as non-blocking.
 */
final class ChunkedSink implements StreamSink {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkedSink.class);

  private final ChunkedOutput<byte[]> output = new ChunkedOutput<>(byte[].class);
  private final @Nullable OutputBuffer socket;
  private boolean callbackPending;

  ChunkedSink(@Nullable OutputBuffer socket) {
    this.socket = socket;
  }

  /** {@return the response entity} */
  ChunkedOutput<byte[]> output() {
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
  public void write(byte[] bytes) throws IOException {
    output.write(bytes);
  }

  @Override
  public void close() {
    try {
      output.close();
    } catch (IOException e) {
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
