package dev.kafkarest.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final Duration STUCK = Duration.ofSeconds(5);
  private static final ReadinessResult DOWN = ReadinessResult.notReady(ErrorCode.BROKER_NOT_AVAILABLE, "down");

  private final AtomicLong now = new AtomicLong();
  /** Every check started, in order; the test completes them. */
  private final List<CompletableFuture<ReadinessResult>> checks = new ArrayList<>();
  private final Readiness readiness = new Readiness(() -> {
    CompletableFuture<ReadinessResult> check = new CompletableFuture<>();
    checks.add(check);
    return check;
  }, TTL, STUCK, now::get);

  @Test
  void result_firstCall_waitsForTheFirstCheck() {
    CompletableFuture<ReadinessResult> first = readiness.result();

    assertFalse(first.isDone());
    checks.get(0).complete(ReadinessResult.READY);
    assertSame(ReadinessResult.READY, first.join());
  }

  @Test
  void result_stormOfCallsWithinTheTtl_runsOneCheck() {
    readiness.result();
    checks.get(0).complete(ReadinessResult.READY);

    for (int i = 0; i < 1_000; i++) {
      now.addAndGet(TTL.toNanos() / 2_000);
      assertTrue(readiness.result().join().ready());
    }

    assertEquals(1, checks.size());
  }

  @Test
  void result_afterTheTtl_startsOneNewCheckAndAnswersTheLatestMeanwhile() {
    readiness.result();
    checks.get(0).complete(ReadinessResult.READY);
    now.addAndGet(TTL.toNanos());

    CompletableFuture<ReadinessResult> during = readiness.result();
    CompletableFuture<ReadinessResult> stillDuring = readiness.result();

    assertEquals(2, checks.size());
    assertTrue(during.join().ready());
    assertTrue(stillDuring.join().ready());
    checks.get(1).complete(DOWN);
    assertSame(DOWN, readiness.result().join());
    assertEquals(2, checks.size());
  }

  @Test
  void result_kafkaBack_turnsReadyByItselfAfterTheNextCheck() {
    readiness.result();
    checks.get(0).complete(DOWN);
    assertFalse(readiness.result().join().ready());

    now.addAndGet(TTL.toNanos());
    readiness.result();
    checks.get(1).complete(ReadinessResult.READY);

    assertTrue(readiness.result().join().ready());
  }

  @Test
  void result_checkThatNeverAnswers_isGivenUpAsNotReady() {
    CompletableFuture<ReadinessResult> first = readiness.result();
    now.addAndGet(STUCK.toNanos());

    ReadinessResult result = readiness.result().join();

    assertFalse(result.ready());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, result.problem());
    assertTrue(result.reason().contains("did not answer within 5000 ms"), result.reason());
    assertFalse(first.isDone());
    assertEquals(2, checks.size());
    checks.get(0).complete(ReadinessResult.READY);
    checks.get(1).complete(DOWN);
    assertSame(DOWN, readiness.result().join());
  }

  @Test
  void result_checkThatThrowsOrFails_isNotReady() {
    Readiness throwing = new Readiness(() -> {
      throw new IllegalStateException("closed");
    }, TTL, STUCK, now::get);
    Readiness failing = new Readiness(() -> CompletableFuture.failedFuture(new IllegalStateException("closed")), TTL,
        STUCK, now::get);

    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, throwing.result().join().problem());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failing.result().join().problem());
  }

  @Test
  void result_afterStop_notReadyAtOnceWithoutACheck_andALateCheckDoesNotUndoIt() {
    readiness.result();
    checks.get(0).complete(ReadinessResult.READY);
    now.addAndGet(TTL.toNanos());
    readiness.result();

    readiness.stop();
    checks.get(1).complete(ReadinessResult.READY);
    now.addAndGet(TTL.toNanos() * 10);
    ReadinessResult result = readiness.result().join();

    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, result.problem());
    assertEquals("the proxy is shutting down", result.reason());
    assertEquals(2, checks.size());
  }
}
