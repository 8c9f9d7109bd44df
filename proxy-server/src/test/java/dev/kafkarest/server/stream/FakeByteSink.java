package dev.kafkarest.server.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A stream's socket as the tests drive it: writes collect as text, {@link #writable} says what the test set, and
 * {@link #drain} runs the call-back a full socket registered (one at a time, as Grizzly's).
 */
final class FakeByteSink implements StreamSink<byte[]> {
  final StringBuilder written = new StringBuilder();
  int writes;
  boolean writable = true;
  boolean broken;
  boolean closed;
  int aborts;
  @Nullable Runnable callback;
  Runnable onDisconnect = () -> {};

  @Override
  public void onDisconnect(Runnable whenClosed) {
    onDisconnect = whenClosed;
  }

  @Override
  public boolean writable(Runnable whenWritable) {
    if (!writable && callback == null) {
      // As Grizzly's sink: one call-back pending at a time; a second ask keeps the first.
      callback = whenWritable;
    }
    return writable;
  }

  @Override
  public boolean writableNow() {
    return writable;
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    if (broken) {
      throw new IOException("Broken pipe");
    }
    writes++;
    written.append(new String(bytes, StandardCharsets.UTF_8));
  }

  @Override
  public void abort() {
    aborts++;
  }

  @Override
  public void close() {
    closed = true;
  }

  void drain() {
    writable = true;
    Runnable pending = callback;
    callback = null;
    if (pending != null) {
      pending.run();
    }
  }

  String text() {
    return written.toString();
  }
}
