package dev.kafkarest.server.stream;

import java.io.IOException;

/** The response a stream writes to. Used by one step of its stream at a time. */
interface StreamSink {

  /**
   * {@return whether a write now would not block}; when not, {@code whenWritable} runs once the socket
   * drains or the connection fails (at most one such callback is pending at a time)
   */
  boolean writable(Runnable whenWritable);

  /** {@return whether a write now would not block}, registering nothing */
  boolean writableNow();

  /** Writes and flushes bytes; call only when {@link #writable} said so. */
  void write(byte[] bytes) throws IOException;

  /** Ends the response. Idempotent. */
  void close();
}
