package dev.kafkarest.server.stream;

import java.io.IOException;

/**
 * The response a stream writes to. Used by one step of its stream at a time.
 *
 * @param <T> what it writes: bytes, or a chunk its own writer renders
 */
interface StreamSink<T> {

  /**
   * {@return whether a write now would not block}; when not, {@code whenWritable} runs once the socket
   * drains or the connection fails. At most one such callback is pending at a time: asked again meanwhile, the
   * sink keeps the first
   */
  boolean writable(Runnable whenWritable);

  /** {@return whether a write now would not block}, registering nothing */
  boolean writableNow();

  /** Writes and flushes a chunk; call only when {@link #writable} said so. */
  void write(T chunk) throws IOException;

  /**
   * Runs {@code whenClosed} once if the client's connection closes before {@link #close}: a stream then ends
   * at once rather than at its next write. Nothing happens where the container cannot tell.
   */
  void onDisconnect(Runnable whenClosed);

  /**
   * Closes the connection at once, without the response's end: for a client that took nothing for the write
   * timeout, or whose connection is given up otherwise. Never throws; {@link #close} still follows.
   */
  void abort();

  /** Ends the response. Idempotent. */
  void close();
}
