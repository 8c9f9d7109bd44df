package dev.kafkarest.server.v2;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.ConsumerInstance;
import dev.kafkarest.core.consumer.ConsumerInstanceId;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.server.stream.RecordSource;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A consumer instance's stream's reads: long-poll reads of the instance, each renewing its idle timer, as the
 * records call's. It takes the instance's stream turn when made, before the stream's own seek: an earlier stream
 * of the instance (a client that reconnected before this node saw its connection go) takes no more records, and
 * ends with 409/40903.
 */
final class InstanceRecordSource implements RecordSource {
  private final ConsumerInstance instance;
  private final ConsumerRegistry registry;
  private final Identity caller;
  private final ConsumerInstanceId id;
  private final BooleanSupplier turn;

  InstanceRecordSource(ConsumerInstance instance, ConsumerRegistry registry, Identity caller, ConsumerInstanceId id) {
    this.instance = instance;
    this.registry = registry;
    this.caller = caller;
    this.id = id;
    this.turn = instance.streams().take();
  }

  @Override
  public <T> CompletableFuture<T> read(long maxBytes, RecordBatchWriter.Factory<T> writers) {
    if (!turn.getAsBoolean()) {
      return CompletableFuture.failedFuture(ConsumerInstance.illegalState(
          "A newer stream of this consumer instance took over its reads.", null));
    }
    CompletableFuture<T> batch = new CompletableFuture<>();
    instance.read(-1, maxBytes, writers, turn).whenComplete((body, error) -> {
      registry.renew(caller, id);
      if (error != null) {
        batch.completeExceptionally(ConsumerInstanceResource.withSeekHint(error));
      } else {
        batch.complete(body);
      }
    });
    return batch;
  }

  @Override
  public void keepAlive() {
    registry.get(caller, id.group(), id.name());
  }
}
