package dev.kafkarest.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A streamed response read line by line on a thread of its own: the lines go into a queue, and {@link #END}
 * once the response ends. For server-sent events and NDJSON.
 */
final class EventStream implements AutoCloseable {
  /** Queued once the response has ended. */
  static final String END = "\u0000end";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private EventStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::readLines, "event-stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens a stream with the given headers (name, value, ...). */
  static EventStream open(ProxyClient proxy, String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(proxy.uri(path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** {@return the next line, or null when none came within the wait} */
  @Nullable String next(Duration wait) throws InterruptedException {
    return lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * {@return the next {@code count} server-sent events (comments skipped), each as its lines}
   *
   * @throws AssertionError when they do not come within the wait
   */
  List<List<String>> events(int count, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    List<List<String>> events = new ArrayList<>();
    List<String> event = new ArrayList<>();
    while (events.size() < count) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        throw new AssertionError("got " + events.size() + " of " + count + " events: " + events + " " + event);
      }
      if (line.isEmpty()) {
        if (!event.isEmpty()) {
          events.add(List.copyOf(event));
          event.clear();
        }
      } else if (!line.startsWith(":")) {
        event.add(line);
      }
    }
    return events;
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The stream was closed by the test or broke; either way it has ended.
    } finally {
      lines.add(END);
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // Closing a broken stream.
    }
    reader.interrupt();
  }
}
