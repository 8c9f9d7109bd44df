package dev.kafkarest.server.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Finishes asynchronous responses on the proxy's response threads.
 *
 * <p>Jersey writes a response on the thread that completes the returned stage. Core futures complete on
 * Kafka I/O threads, so every resource returns {@link #on}, which hops to the response executor for
 * successes and failures alike ({@code thenApplyAsync} would complete a failure on the calling thread).
 */
public final class Responses {
  private final Executor executor;

  public Responses(Executor executor) {
    this.executor = executor;
  }

  /** {@return a stage that applies {@code render} to the result, or fails, on a response thread} */
  public <T, R> CompletionStage<R> on(CompletableFuture<T> future, Function<? super T, ? extends R> render) {
    return future.handleAsync((value, failure) -> {
      if (failure != null) {
        throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
      }
      return render.apply(value);
    }, executor);
  }
}
