package dev.kafkarest.core.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Announcements and withdrawals, with a producer that stands still as Kafka's does while it waits for metadata. */
class NodeDirectoryTest {
  private static final OwnedInstance INSTANCE = new OwnedInstance("ANONYMOUS", false, "g", "i");

  private final StalledProducer producer = new StalledProducer();
  private final NodeDirectory directory = new NodeDirectory(
      new NodeDirectory.Settings("n1", "_nodes", Duration.ofSeconds(1), Duration.ofSeconds(5), 100,
          Duration.ofSeconds(1)),
      producer, new MockConsumer<>("earliest"), Clock.systemUTC(), Thread::new, instance -> true);

  @AfterEach
  void close() {
    producer.release.countDown();
    directory.close();
  }

  @Test
  void announceAndWithdraw_whileTheProducerWaits_returnAtOnce() {
    // The removal listener calls withdraw on whatever thread removed the instance, a selector thread among them.
    CompletableFuture<Void> announced = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      CompletableFuture<Void> first = directory.announce(INSTANCE);
      directory.withdraw(INSTANCE);
      return first;
    });

    assertFalse(announced.isDone(), "the announcement waits for the producer");
  }

  @Test
  void announceWithdrawAnnounce_reachKafkaInTheOrderAsked() throws Exception {
    producer.expected = new CountDownLatch(3);

    CompletableFuture<Void> again = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      directory.announce(INSTANCE);
      directory.withdraw(INSTANCE);
      return directory.announce(INSTANCE);
    });
    producer.release.countDown();

    assertTrue(producer.expected.await(10, TimeUnit.SECONDS), "three records sent");
    again.get(10, TimeUnit.SECONDS);
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertEquals(3, sent.size());
    sent.forEach(record -> assertArrayEquals(DirectoryRecords.instanceKey(INSTANCE), record.key()));
    assertArrayEquals(DirectoryRecords.text("n1"), sent.get(0).value());
    assertNull(sent.get(1).value(), "the withdrawal's tombstone");
    assertArrayEquals(DirectoryRecords.text("n1"), sent.get(2).value(), "a withdrawal never overtakes an announcement");
  }

  /** Sends once released, as a Kafka producer's send waits for the topic's metadata (up to {@code max.block.ms}). */
  private static final class StalledProducer extends MockProducer<byte[], byte[]> {
    final CountDownLatch release = new CountDownLatch(1);
    volatile CountDownLatch expected = new CountDownLatch(0);

    StalledProducer() {
      super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Future<RecordMetadata> sent = super.send(record, callback);
      expected.countDown();
      return sent;
    }
  }
}
