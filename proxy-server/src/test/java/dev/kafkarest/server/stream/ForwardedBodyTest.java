package dev.kafkarest.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ForwardedBodyTest {
  private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);
  private static final long OWNER_TIMEOUT = TimeUnit.SECONDS.toNanos(300);

  private final ManualScheduler scheduler = new ManualScheduler();
  private final Executor direct = Runnable::run;
  private final AtomicLong queued = new AtomicLong();
  private final AtomicInteger responseCloses = new AtomicInteger();
  private final FakeByteSink sink = new FakeByteSink();
  private final Owner owner = new Owner();

  private ForwardedBody started() {
    ForwardedBody relay = new ForwardedBody(sink, direct, scheduler, scheduler::now, TIMEOUT, OWNER_TIMEOUT, queued::get);
    relay.start(responseCloses::incrementAndGet);
    relay.onSubscribe(owner);
    return relay;
  }

  @Test
  void onNext_clientKeepsUp_relaysEachPieceThenAsksTheOwnerForTheNext() {
    ForwardedBody relay = started();
    assertEquals(1, owner.requested.get(), "one piece at a time");

    relay.onNext(pieces("data: a\n\n"));
    relay.onNext(pieces("data: ", "b\n\n"));
    relay.onComplete();

    assertEquals("data: a\n\ndata: b\n\n", sink.text());
    assertEquals(3, owner.requested.get());
    assertTrue(sink.closed);
    assertEquals(0, sink.aborts);
    assertEquals(1, responseCloses.get());
  }

  @Test
  void onComplete_stepsRunInAnyOrder_theLastPieceIsWrittenBeforeTheEnd() {
    List<Runnable> steps = new ArrayList<>();
    ForwardedBody relay = new ForwardedBody(sink, steps::add, scheduler, scheduler::now, TIMEOUT, OWNER_TIMEOUT, queued::get);
    relay.start(responseCloses::incrementAndGet);
    relay.onSubscribe(owner);

    relay.onNext(pieces("[1,2]"));
    relay.onComplete();
    // Two response threads: the step queued for the end may run before the one queued for the piece.
    for (int i = steps.size() - 1; i >= 0; i--) {
      steps.get(i).run();
    }

    assertEquals("[1,2]", sink.text(), "the whole body, as its Content-Length says");
    assertTrue(sink.closed);
    assertEquals(0, sink.aborts);
  }

  @Test
  void onNext_socketFull_asksTheOwnerForNothingMoreUntilItDrains() {
    ForwardedBody relay = started();
    sink.writable = false;

    relay.onNext(pieces("first"));

    assertEquals("", sink.text());
    assertEquals(1, owner.requested.get(), "a slow client holds no more than what its socket did not take");
    sink.drain();
    assertEquals("first", sink.text());
    assertEquals(2, owner.requested.get());
  }

  @Test
  void onNext_clientKeepsUp_theNextPieceIsAskedForBeforeTheLastIsWritten_upToTheReadAhead() {
    List<Runnable> steps = new ArrayList<>();
    ForwardedBody relay = new ForwardedBody(sink, steps::add, scheduler, scheduler::now, TIMEOUT, OWNER_TIMEOUT, queued::get);
    relay.start(responseCloses::incrementAndGet);
    relay.onSubscribe(owner);
    String quarter = "q".repeat(ForwardedBody.READ_AHEAD_BYTES / 4);

    relay.onNext(pieces("first"));
    assertEquals(2, owner.requested.get(), "asked for while the first waits for its step");
    for (int i = 0; i < 4; i++) {
      relay.onNext(pieces(quarter));
    }
    assertEquals(5, owner.requested.get(), "the owner waits once the read-ahead is held here");

    steps.forEach(Runnable::run);
    assertEquals("first" + quarter.repeat(4), sink.text());
    assertEquals(1, sink.writes, "the pieces held are written together");
    assertEquals(6, owner.requested.get());
  }

  @Test
  void onComplete_lastPieceWaitsForTheSocket_closesOnlyOnceItIsWritten() {
    ForwardedBody relay = started();
    sink.writable = false;
    relay.onNext(pieces("last"));
    relay.onComplete();
    assertFalse(sink.closed);

    sink.drain();

    assertEquals("last", sink.text());
    assertTrue(sink.closed);
    assertEquals(1, responseCloses.get());
  }

  @Test
  void onError_ownerBreaksOffMidBody_closesTheClientsConnection() {
    ForwardedBody relay = started();
    relay.onNext(pieces("half"));

    relay.onError(new IOException("connection reset"));

    assertEquals(1, sink.aborts, "the client sees a cut answer, not a short one that looks whole");
    assertTrue(sink.closed);
    assertEquals(1, responseCloses.get());
  }

  @Test
  void disconnect_clientGoesAway_cancelsTheOwnersAnswer() {
    ForwardedBody relay = started();
    relay.onNext(pieces("x"));

    sink.onDisconnect.run();

    assertTrue(owner.cancelled);
    assertTrue(sink.closed);
    relay.onNext(pieces("late"));
    assertEquals("x", sink.text(), "nothing is written after the client went away");
    assertEquals(1, responseCloses.get());
  }

  @Test
  void tick_clientTakesNothingForTheWriteTimeout_closesItsConnectionAndCancelsTheOwner() {
    ForwardedBody relay = started();
    scheduler.advance(TIMEOUT / 2);
    sink.writable = false;
    relay.onNext(pieces("stuck"));

    scheduler.advance(TIMEOUT - 1);
    assertEquals(0, sink.aborts, "the stall counts from when the client had something to take");
    scheduler.advance(1);

    assertEquals(1, sink.aborts);
    assertTrue(owner.cancelled);
    assertEquals(1, responseCloses.get());
  }

  @Test
  void onComplete_clientTakesNothingOfTheLastBytes_theConnectionClosesAfterTheWriteTimeout() {
    endedWithBytesStillQueued();
    assertEquals(1, responseCloses.get(), "the whole body is handed over: the response is closed");

    scheduler.advance(TIMEOUT - 1);
    assertEquals(0, sink.aborts, "not before the write timeout");
    scheduler.advance(1);

    assertEquals(1, sink.aborts, "the bytes still queued stay no longer");
  }

  @Test
  void onComplete_theLastBytesDrain_theConnectionStays() {
    endedWithBytesStillQueued();

    scheduler.advance(TIMEOUT / 2);
    queued.set(0);
    scheduler.advance(2 * TIMEOUT);

    assertEquals(0, sink.aborts);
  }

  @Test
  void tick_executorFull_theTickRunsAllTheSame() {
    // The response pool refuses every task: a tick handed to it through the scheduler would be dropped for good.
    ForwardedBody relay = new ForwardedBody(sink, task -> {
      throw new RejectedExecutionException("full");
    }, scheduler, scheduler::now, TIMEOUT, OWNER_TIMEOUT, queued::get);
    relay.start(responseCloses::incrementAndGet);
    relay.onSubscribe(owner);
    sink.writable = false;
    relay.onNext(pieces("stuck"));

    scheduler.advance(TIMEOUT);

    assertEquals(1, sink.aborts, "the client that took nothing is cut off");
    assertTrue(owner.cancelled);
  }

  @Test
  void tick_clientReadsSlowlyWhileTheSocketStaysFull_keepsItsConnection() {
    ForwardedBody relay = started();
    sink.writable = false;
    queued.set(500_000);
    relay.onNext(pieces("slow"));

    scheduler.advance(TIMEOUT / 2);
    queued.set(400_000);
    scheduler.advance(TIMEOUT / 2 + 1);

    assertEquals(0, sink.aborts);
  }

  @Test
  void tick_ownerSendsNothingForLong_keepsTheConnection() {
    started();

    scheduler.advance(5 * TIMEOUT);

    assertEquals(0, sink.aborts, "a long poll or a quiet stream on the owner is not the client's stall");
    assertFalse(owner.cancelled);
  }

  @Test
  void tick_ownerSendsNothingForTheOwnerTimeout_closesTheClientsConnectionAndCancelsTheOwner() {
    ForwardedBody relay = started();
    relay.onNext(pieces("head of the body"));
    scheduler.advance(OWNER_TIMEOUT / 2);
    relay.onNext(pieces("more"));

    scheduler.advance(OWNER_TIMEOUT - 1);
    assertEquals(0, sink.aborts, "the silence counts from the owner's last piece");
    scheduler.advance(1);

    assertEquals(1, sink.aborts, "cut off, so that the client cannot take what it got for a whole answer");
    assertTrue(owner.cancelled);
    assertEquals(1, responseCloses.get());
  }

  /** Relays a whole body whose last bytes stay in the connection's send queue. */
  private void endedWithBytesStillQueued() {
    ForwardedBody relay = started();
    queued.set(50_000);
    relay.onNext(pieces("the end"));
    relay.onComplete();
  }

  private static List<ByteBuffer> pieces(String... parts) {
    return Arrays.stream(parts).map(part -> ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8))).toList();
  }

  /** The owner's side of the HTTP client's body: counts what was asked of it. */
  private static final class Owner implements Flow.Subscription {
    final AtomicLong requested = new AtomicLong();
    boolean cancelled;

    @Override
    public void request(long n) {
      requested.addAndGet(n);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
