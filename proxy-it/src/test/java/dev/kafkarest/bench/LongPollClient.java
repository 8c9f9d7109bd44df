package dev.kafkarest.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * C3's load generator: one connection per instance, each with one long poll in flight at a time, sent again as
 * soon as its answer is in, until {@code end} (read at each answer) has passed. The first polls are spread evenly
 * over {@code spreadNanos}, so that the connections poll out of step, as independent clients do, not in one
 * burst a second. All connections run on one
 * thread and one selector, so that the client costs little of the CPU it shares with the proxy and its
 * answers are timed when they arrive. The JDK HTTP client it replaces took half a core for 1,000 polls a
 * second and timed answers up to half a second late.
 *
 * <p>Answers must carry {@code Content-Length} (the proxy's records answers do); a chunked or closed answer
 * counts as a failure, and that connection stops.
 */
final class LongPollClient implements AutoCloseable {
  /** What happens to each answer; called on the client's thread. */
  interface Listener {
    /**
     * @param sentNanos {@link System#nanoTime} when the request was sent
     * @param body the answer's body, ASCII
     */
    void answered(int connection, int status, String body, long sentNanos, long receivedNanos);

    void failed(int connection, String problem);
  }

  private final Selector selector;
  private final List<Poll> polls = new ArrayList<>();
  private final LongSupplier end;
  private final Listener listener;
  private final long spreadNanos;
  private final CountDownLatch done;
  private final Thread thread;

  /**
   * Connects and starts polling at once.
   *
   * @param requests the whole HTTP/1.1 request of each connection, sent again and again
   * @param end the {@link System#nanoTime} after which no request is sent again, read at each answer
   * @param spreadNanos over how long the first polls are spread
   */
  LongPollClient(String host, int port, List<byte[]> requests, LongSupplier end, long spreadNanos,
      Listener listener) throws IOException {
    this.selector = Selector.open();
    this.end = end;
    this.spreadNanos = spreadNanos;
    this.listener = listener;
    this.done = new CountDownLatch(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
      channel.configureBlocking(false);
      channel.socket().setTcpNoDelay(true);
      Poll poll = new Poll(i, channel, requests.get(i));
      polls.add(poll);
      poll.key = channel.register(selector, 0, poll);
    }
    this.thread = new Thread(this::run, "bench-long-polls");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@return whether every connection stopped within the wait} */
  boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  /** {@return how many connections have not stopped} */
  long running() {
    return done.getCount();
  }

  private void run() {
    long start = System.nanoTime();
    int started = 0;
    try {
      while (done.getCount() > 0 && !Thread.currentThread().isInterrupted()) {
        long now = System.nanoTime();
        while (started < polls.size() && now - start >= spreadNanos * started / polls.size()) {
          polls.get(started++).send();
        }
        long wait = started < polls.size()
            ? Math.max(1, (start + spreadNanos * started / polls.size() - now) / 1_000_000) : 1000;
        selector.select(wait);
        for (SelectionKey key : selector.selectedKeys()) {
          Poll poll = (Poll) key.attachment();
          if (key.isValid() && key.isWritable()) {
            poll.write();
          }
          if (key.isValid() && key.isReadable()) {
            poll.read();
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | RuntimeException e) {
      for (Poll poll : polls) {
        poll.stop("client failed: " + e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    thread.interrupt();
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Poll poll : polls) {
      poll.channel.close();
    }
    selector.close();
  }

  /** One connection and its poll in flight. */
  private final class Poll {
    private final int index;
    private final SocketChannel channel;
    private final ByteBuffer request;
    private ByteBuffer answer = ByteBuffer.allocate(4096);
    private SelectionKey key;
    private long sentNanos;
    private boolean stopped;

    Poll(int index, SocketChannel channel, byte[] request) {
      this.index = index;
      this.channel = channel;
      this.request = ByteBuffer.wrap(request);
    }

    void send() {
      request.rewind();
      answer.clear();
      sentNanos = System.nanoTime();
      write();
    }

    void write() {
      try {
        channel.write(request);
      } catch (IOException e) {
        stop("write failed: " + e);
        return;
      }
      key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    void read() {
      int n;
      try {
        if (!answer.hasRemaining()) {
          answer = ByteBuffer.allocate(answer.capacity() * 2).put(answer.flip());
        }
        n = channel.read(answer);
      } catch (IOException e) {
        stop("read failed: " + e);
        return;
      }
      if (n < 0) {
        stop("the proxy closed the connection");
        return;
      }
      complete();
    }

    /** Hands over the answer once it is whole, and sends the next request. */
    private void complete() {
      byte[] bytes = answer.array();
      int length = answer.position();
      int headEnd = indexOf(bytes, length, "\r\n\r\n");
      if (headEnd < 0) {
        return;
      }
      String head = new String(bytes, 0, headEnd, StandardCharsets.US_ASCII);
      String lower = head.toLowerCase(Locale.ROOT);
      int at = lower.indexOf("\r\ncontent-length:");
      if (at < 0) {
        stop("an answer without Content-Length: " + head);
        return;
      }
      int lineEnd = lower.indexOf("\r\n", at + 2);
      int contentLength = Integer.parseInt(
          lower.substring(at + "\r\ncontent-length:".length(), lineEnd < 0 ? lower.length() : lineEnd).trim());
      int bodyStart = headEnd + 4;
      if (length < bodyStart + contentLength) {
        return;
      }
      long received = System.nanoTime();
      int status = Integer.parseInt(head.substring(9, 12));
      String body = new String(bytes, bodyStart, contentLength, StandardCharsets.US_ASCII);
      if (length > bodyStart + contentLength) {
        stop("bytes after the answer");
        return;
      }
      listener.answered(index, status, body, sentNanos, received);
      if (System.nanoTime() < end.getAsLong()) {
        send();
      } else {
        stop(null);
      }
    }

    void stop(String problem) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (key != null) {
        key.cancel();
      }
      if (problem != null) {
        listener.failed(index, problem);
      }
      done.countDown();
    }
  }

  private static int indexOf(byte[] bytes, int length, String text) {
    outer:
    for (int i = 0; i <= length - text.length(); i++) {
      for (int j = 0; j < text.length(); j++) {
        if (bytes[i + j] != text.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
