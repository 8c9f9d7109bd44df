package dev.kafkarest.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ForwardedBodiesTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final AtomicInteger recorded = new AtomicInteger();
  private final OwnerBody owner = new OwnerBody();
  private final ForwardedBody relay = new ForwardedBody(new FakeByteSink(), Runnable::run, scheduler, scheduler::now,
      TimeUnit.SECONDS.toNanos(30), TimeUnit.SECONDS.toNanos(120), () -> 0);

  @Test
  void relaying_started_subscribesTheRelayToTheOwnersBody() {
    ForwardedBodies.Relay relaying =
        ForwardedBodies.relaying(Response.ok().build(), relay, owner, recorded::incrementAndGet);

    relaying.start().run();

    assertEquals(1, owner.subscribers);
    assertEquals(1, owner.requested, "the relay asks for the owner's first piece");
    assertFalse(owner.cancelled);
    assertEquals(0, recorded.get(), "the exchange is recorded when the body is written");
  }

  @Test
  void relaying_abandoned_cancelsTheOwnersAnswerAndRunsTheDeferredRecord() {
    ForwardedBodies.Relay relaying =
        ForwardedBodies.relaying(Response.ok().build(), relay, owner, recorded::incrementAndGet);

    relaying.abandon().run();

    assertTrue(owner.cancelled);
    assertEquals(1, recorded.get(), "the answer the request got instead is recorded, not left waiting for this body");
  }

  /** The owner's body: hands each subscriber a subscription that notes demand and cancelling. */
  private static final class OwnerBody implements Flow.Publisher<List<ByteBuffer>> {
    int subscribers;
    long requested;
    boolean cancelled;

    @Override
    public void subscribe(Flow.Subscriber<? super List<ByteBuffer>> subscriber) {
      subscribers++;
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          requested += n;
        }

        @Override
        public void cancel() {
          cancelled = true;
        }
      });
    }
  }
}
