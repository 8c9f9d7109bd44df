package dev.kafkarest.it;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Reads back the body of a request about to be sent, for {@link OpenApiContract}. The publishers the tests
 * use ({@code ofString}, {@code ofByteArray}, {@code ofInputStream} with a supplier, {@code noBody}) can be
 * subscribed to more than once, so reading does not disturb the real send.
 */
final class RequestBodies {
  /** Bodies larger than this are not kept (the body-limit tests send megabytes). */
  static final int MAX_BYTES = 1 << 20;

  private RequestBodies() {}

  /** {@return the request's body, empty for none, or null when it is larger than {@link #MAX_BYTES}} */
  static byte @Nullable [] read(HttpRequest request) {
    HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
    if (publisher == null || publisher.contentLength() == 0) {
      return new byte[0];
    }
    if (publisher.contentLength() > MAX_BYTES) {
      return null;
    }
    Collector collector = new Collector();
    publisher.subscribe(collector);
    try {
      return collector.result.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading a request body", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot read back the request body of " + request.uri(), e);
    }
  }

  /** Collects what a publisher sends, up to {@link #MAX_BYTES}; completes with null beyond. */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    final CompletableFuture<byte @Nullable []> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.@Nullable Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
      if (result.isDone()) {
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
      if (bytes.size() > MAX_BYTES) {
        result.complete(null);
        if (subscription != null) {
          subscription.cancel();
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
