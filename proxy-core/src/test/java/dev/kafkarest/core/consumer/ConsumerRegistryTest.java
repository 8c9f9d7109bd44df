package dev.kafkarest.core.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.metrics.RecordingMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class ConsumerRegistryTest {
  private static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
  private static final InstanceSettings BINARY = new InstanceSettings(EmbeddedFormat.BINARY, null, null, null, null);
  private static final Pattern UUID_PATTERN =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final TopicPartition TP0 = new TopicPartition("t", 0);
  private static final Identity ANON = Identity.anonymous();
  private static final Identity ALICE = Identity.of("alice", Set.of("readers"));
  private static final Identity BOB = Identity.of("bob", Set.of("readers"));

  private final FakeTicker ticker = new FakeTicker();
  private final FakeScheduler scheduler = new FakeScheduler(ticker);
  private final List<Map<String, Object>> configs = new ArrayList<>();
  private final List<TestConsumer> consumers = new ArrayList<>();
  private RuntimeException factoryFailure;
  private final ConsumerFactory factory = config -> {
    configs.add(new HashMap<>(config));
    if (factoryFailure != null) {
      throw factoryFailure;
    }
    TestConsumer consumer = new TestConsumer();
    consumers.add(consumer);
    return consumer;
  };

  // --- create ----------------------------------------------------------------------------------

  @Test
  void create_withName_registersInstanceUnderThatName() {
    ConsumerRegistry registry = registry();

    ConsumerInstance instance = registry.create(ANON, "g", "my-consumer", BINARY);

    assertEquals(new ConsumerInstanceId("g", "my-consumer"), instance.id());
    assertEquals(EmbeddedFormat.BINARY, instance.format());
    assertSame(instance, registry.get(ANON, "g", "my-consumer"));
    assertEquals(1, registry.size());
  }

  @Test
  void create_withoutName_generatesNameWithNodeIdAndUuid() {
    ConsumerRegistry registry = registry(settings(Map.of(), 10), "node1");

    ConsumerInstance first = registry.create(ANON, "g", null, BINARY);
    ConsumerInstance second = registry.create(ANON, "g", null, BINARY);

    assertGeneratedName("rest-consumer-node1-", first.id().name());
    assertGeneratedName("rest-consumer-node1-", second.id().name());
    assertNotEquals(first.id().name(), second.id().name());
    assertSame(first, registry.get(ANON, "g", first.id().name()));
  }

  @Test
  void create_withoutNameAndEmptyNodeId_generatesNameWithUuidOnly() {
    ConsumerRegistry registry = registry(settings(Map.of(), 10), "");

    ConsumerInstance instance = registry.create(ANON, "g", null, BINARY);

    assertGeneratedName("rest-consumer-", instance.id().name());
  }

  @Test
  void create_duplicateNameInGroup_throws40902WithoutBuildingConsumer() {
    ConsumerRegistry registry = registry();
    ConsumerInstance original = registry.create(ANON, "g", "c", BINARY);

    ProxyException error = assertThrows(ProxyException.class, () -> registry.create(ANON, "g", "c", BINARY));

    assertEquals(ErrorCode.CONSUMER_ALREADY_EXISTS, error.errorCode());
    assertEquals(40902, error.errorCode().code());
    assertEquals(1, configs.size());
    assertSame(original, registry.get(ANON, "g", "c"));
  }

  @Test
  void create_sameNameInOtherGroup_succeeds() {
    ConsumerRegistry registry = registry();
    ConsumerInstance first = registry.create(ANON, "g1", "c", BINARY);

    ConsumerInstance second = registry.create(ANON, "g2", "c", BINARY);

    assertNotSame(first, second);
    assertSame(first, registry.get(ANON, "g1", "c"));
    assertSame(second, registry.get(ANON, "g2", "c"));
    assertEquals(2, registry.size());
  }

  @Test
  void create_atMaxInstances_throws429UntilOneIsDeleted() {
    ConsumerRegistry registry = registry(settings(Map.of(), 2), "node1");
    registry.create(ANON, "g", "a", BINARY);
    registry.create(ANON, "g", "b", BINARY);

    ProxyException error = assertThrows(ProxyException.class, () -> registry.create(ANON, "g", "c", BINARY));
    assertEquals(ErrorCode.TOO_MANY_REQUESTS, error.errorCode());
    assertEquals(java.util.Optional.of(ConsumerRegistry.FULL_RETRY_AFTER), error.retryAfter());
    assertEquals(2, configs.size());

    registry.delete(ANON, "g", "a").join();
    ConsumerInstance c = registry.create(ANON, "g", "c", BINARY);

    assertSame(c, registry.get(ANON, "g", "c"));
  }

  @Test
  void create_atMaxInstancesWithOneExpiredButNotCleanedUp_succeeds() {
    ConsumerRegistry registry = registry(settings(Map.of(), 1), "node1");
    registry.create(ANON, "g", "old", BINARY);
    ticker.advance(INSTANCE_TIMEOUT); // no scheduled clean-up runs

    ConsumerInstance fresh = registry.create(ANON, "g", "new", BINARY);

    assertSame(fresh, registry.get(ANON, "g", "new"));
    assertTrue(consumers.get(0).closed());
  }

  @Test
  void create_factoryThrowsConfigException_throws42204WithKafkaMessage() {
    ConsumerRegistry registry = registry();
    ConfigException invalid = new ConfigException("auto.offset.reset", "bad-config", "Invalid value");
    factoryFailure = invalid;

    ProxyException error = assertThrows(ProxyException.class, () -> registry.create(ANON, "g", "c", BINARY));

    assertEquals(ErrorCode.INVALID_CONSUMER_CONFIG, error.errorCode());
    assertEquals(42204, error.errorCode().code());
    assertEquals(422, error.errorCode().httpStatus());
    assertEquals("Invalid consumer configuration: " + invalid.getMessage(), error.getMessage());
    assertEquals(0, registry.size());
    factoryFailure = null;
    assertEquals(new ConsumerInstanceId("g", "c"), registry.create(ANON, "g", "c", BINARY).id());
  }

  @Test
  void create_factoryThrowsKafkaExceptionCausedByConfigException_throws42204WithCauseMessage() {
    ConsumerRegistry registry = registry();
    ConfigException cause = new ConfigException("session.timeout.ms must be below request.timeout.ms");
    factoryFailure = new KafkaException("Failed to construct kafka consumer", cause);

    ProxyException error = assertThrows(ProxyException.class, () -> registry.create(ANON, "g", "c", BINARY));

    assertEquals(ErrorCode.INVALID_CONSUMER_CONFIG, error.errorCode());
    assertEquals("Invalid consumer configuration: " + cause.getMessage(), error.getMessage());
  }

  @Test
  void create_schemaFormat_throws42206WithoutBuildingConsumer() {
    ConsumerRegistry registry = registry();

    ProxyException error = assertThrows(ProxyException.class,
        () -> registry.create(ANON, "g", "c", new InstanceSettings(EmbeddedFormat.AVRO, null, null, null, null)));

    assertEquals(ErrorCode.SCHEMA_REGISTRY_NOT_CONFIGURED, error.errorCode());
    assertEquals(List.of(), configs);
  }

  @Test
  void create_givesFactoryGroupByteArrayDeserializersNoKafkaAutoCommitAndPassThroughSettings() {
    Map<String, Object> passThrough = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 30,
        ConsumerConfig.CLIENT_RACK_CONFIG, "rack-1",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true",
        ConsumerConfig.GROUP_ID_CONFIG, "not-this-one");
    ConsumerRegistry registry = registry(settings(passThrough, 10), "node1");

    registry.create(ANON, "orders", "c1", new InstanceSettings(EmbeddedFormat.JSON, "earliest", true, null, null));

    Map<String, Object> config = configs.get(0);
    assertEquals("orders", config.get(ConsumerConfig.GROUP_ID_CONFIG));
    assertEquals(ByteArrayDeserializer.class, config.get(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG));
    assertEquals(ByteArrayDeserializer.class, config.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG));
    assertEquals(false, config.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
    assertEquals("earliest", config.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
    assertEquals("broker:9092", config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    assertEquals(30, config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    assertEquals("rack-1", config.get(ConsumerConfig.CLIENT_RACK_CONFIG));
  }

  @Test
  void create_serverProperties_reachTheConsumerUnchanged() {
    ConsumerRegistry registry = registry(settings(Map.of(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, "",
        ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1), 10), "n");

    registry.create(ANON, "g", "c", BINARY);

    assertEquals("", configs.get(0).get(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG));
    assertEquals(-1, configs.get(0).get(ConsumerConfig.RECEIVE_BUFFER_CONFIG));
  }

  @Test
  void create_withoutAutoOffsetReset_leavesPassThroughValue() {
    ConsumerRegistry registry = registry(settings(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), 10), "n");

    registry.create(ANON, "g", "c", BINARY);
    registry.create(ANON, "g", "d", new InstanceSettings(EmbeddedFormat.BINARY, "none", null, null, null));

    assertEquals("latest", configs.get(0).get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
    assertEquals("none", configs.get(1).get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
  }

  @Test
  void create_passThroughAutoCommitOff_closeCommitsNothingUnlessRequestTurnsItOn() {
    ConsumerRegistry registry = registry(settings(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), 10), "n");
    ConsumerInstance off = registry.create(ANON, "g", "off", BINARY);
    ConsumerInstance on =
        registry.create(ANON, "g", "on", new InstanceSettings(EmbeddedFormat.BINARY, null, true, null, null));
    readOneRecord(off, consumers.get(0));
    readOneRecord(on, consumers.get(1));

    registry.delete(ANON, "g", "off").join();
    registry.delete(ANON, "g", "on").join();

    assertEquals(List.of(), consumers.get(0).commits());
    assertEquals(Map.of(TP0, 1L), consumers.get(1).committedOffsets());
  }

  @Test
  void create_passThroughAutoCommitInterval_setsHowOftenReadsCommit() {
    ConsumerRegistry registry =
        registry(settings(Map.of(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1_000), 10), "n");
    ConsumerInstance instance = registry.create(ANON, "g", "c", BINARY);
    TestConsumer consumer = consumers.get(0);
    readOneRecord(instance, consumer);
    scheduler.advance(Duration.ofMillis(999));
    addAndRead(instance, consumer, 1);
    assertEquals(List.of(), consumer.commits());

    scheduler.advance(Duration.ofMillis(1));
    addAndRead(instance, consumer, 2);

    assertEquals(Map.of(TP0, 2L), consumer.committedOffsets());
  }

  @Test
  void create_instanceRequestTimeoutAndFetchMinBytes_overrideProxyDefaults() {
    ConsumerRegistry registry = registry();
    ConsumerInstance instance =
        registry.create(ANON, "g", "c", new InstanceSettings(EmbeddedFormat.BINARY, null, null, 100, 300));
    TestConsumer consumer = consumers.get(0);
    instance.assign(List.of(TP0)).join();
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));
    consumer.addRecord(new ConsumerRecord<>("t", 0, 0, bytes("k"), bytes("v")));

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(Duration.ofMillis(299));
    assertFalse(read.isDone()); // one record is below fetch.min.bytes, the 300 ms have not passed
    scheduler.advance(Duration.ofMillis(1));

    assertTrue(read.isDone());
    assertTrue(read.join().contains("\"offset\":0"));
  }

  // --- ownership -------------------------------------------------------------------------------

  @Test
  void get_anotherPrincipalsInstance_throws40403AsIfItDidNotExist() {
    ConsumerRegistry registry = registry();
    ConsumerInstance alices = registry.create(ALICE, "g", "c", BINARY);

    ProxyException bob = assertThrows(ProxyException.class, () -> registry.get(BOB, "g", "c"));
    ProxyException anonymous = assertThrows(ProxyException.class, () -> registry.get(ANON, "g", "c"));

    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, bob.errorCode());
    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, anonymous.errorCode());
    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND,
        assertThrows(ProxyException.class, () -> registry.get(BOB, "g", "nothing")).errorCode());
    assertSame(alices, registry.get(ALICE, "g", "c"));
  }

  @Test
  void get_sameOwnerWithOtherGroups_findsTheInstance() {
    ConsumerRegistry registry = registry();
    ConsumerInstance instance = registry.create(ALICE, "g", "c", BINARY);

    assertSame(instance, registry.get(Identity.of("alice", Set.of("admins")), "g", "c"));
  }

  @Test
  void get_principalNamedAnonymous_doesNotSeeAnonymousInstances() {
    ConsumerRegistry registry = registry();
    registry.create(ANON, "g", "c", BINARY);

    assertThrows(ProxyException.class, () -> registry.get(Identity.of(ANON.name(), Set.of()), "g", "c"));
  }

  @Test
  void delete_anotherPrincipalsInstance_throws40403AndKeepsIt() {
    ConsumerRegistry registry = registry();
    ConsumerInstance alices = registry.create(ALICE, "g", "c", BINARY);

    ProxyException error = assertThrows(ProxyException.class, () -> registry.delete(BOB, "g", "c"));

    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, error.errorCode());
    assertSame(alices, registry.get(ALICE, "g", "c"));
    assertFalse(consumers.get(0).closed());
  }

  @Test
  void create_nameAnotherPrincipalUses_createsASeparateInstance() {
    ConsumerRegistry registry = registry();
    ConsumerInstance alices = registry.create(ALICE, "g", "c", BINARY);

    ConsumerInstance bobs = registry.create(BOB, "g", "c", BINARY);

    assertNotSame(alices, bobs);
    assertSame(alices, registry.get(ALICE, "g", "c"));
    assertSame(bobs, registry.get(BOB, "g", "c"));
    assertEquals(ErrorCode.CONSUMER_ALREADY_EXISTS,
        assertThrows(ProxyException.class, () -> registry.create(BOB, "g", "c", BINARY)).errorCode());
  }

  @Test
  void renew_byAnotherPrincipal_doesNotKeepTheInstanceAlive() {
    ConsumerRegistry registry = registry();
    ConsumerInstance instance = registry.create(ALICE, "g", "c", BINARY);

    scheduler.advance(INSTANCE_TIMEOUT.minusSeconds(1));
    registry.renew(BOB, instance.id());
    scheduler.advance(Duration.ofSeconds(2));

    assertThrows(ProxyException.class, () -> registry.get(ALICE, "g", "c"));
  }

  // --- names -----------------------------------------------------------------------------------

  @Test
  void create_nameThatCannotBeAddressed_throws42204AndCreatesNothing() {
    ConsumerRegistry registry = registry();

    for (String name : List.of("", ".", "..", "a/b", "a\\b", "a;b", "tab\tname", "nul\u0000", "x".repeat(256))) {
      ProxyException error = assertThrows(ProxyException.class, () -> registry.create(ANON, "g", name, BINARY),
          () -> "name " + name);
      assertEquals(ErrorCode.INVALID_CONSUMER_CONFIG, error.errorCode(), name);
      assertTrue(error.getMessage().startsWith("Invalid consumer configuration: the instance name "),
          error.getMessage());
    }
    assertEquals(0, registry.size());
    assertEquals(List.of(), configs);
  }

  @Test
  void create_unusualButAddressableNames_areAccepted() {
    ConsumerRegistry registry = registry();

    for (String name : List.of("a.b", "...", "a b", "ü-名前", "a%2Fb", "x".repeat(255))) {
      assertEquals(name, registry.create(ANON, "g", name, BINARY).id().name());
    }
  }

  // --- get and expiry --------------------------------------------------------------------------

  @Test
  void get_unknownInstance_throws40403() {
    ConsumerRegistry registry = registry();
    registry.create(ANON, "g", "c", BINARY);

    ProxyException unknownName = assertThrows(ProxyException.class, () -> registry.get(ANON, "g", "other"));
    ProxyException unknownGroup = assertThrows(ProxyException.class, () -> registry.get(ANON, "other", "c"));

    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, unknownName.errorCode());
    assertEquals(40403, unknownName.errorCode().code());
    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, unknownGroup.errorCode());
  }

  @Test
  void get_repeatedlyJustBeforeTimeout_keepsInstanceAliveUntilAccessStops() {
    ConsumerRegistry registry = registry();
    ConsumerInstance instance = registry.create(ANON, "g", "c", BINARY);
    TestConsumer consumer = consumers.get(0);

    for (int i = 0; i < 5; i++) {
      scheduler.advance(INSTANCE_TIMEOUT.minusMillis(1));
      assertSame(instance, registry.get(ANON, "g", "c"));
    }
    assertFalse(consumer.closed());
    assertEquals(1, registry.size());

    scheduler.advance(INSTANCE_TIMEOUT);

    ProxyException error = assertThrows(ProxyException.class, () -> registry.get(ANON, "g", "c"));
    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, error.errorCode());
    assertEquals(0, registry.size());
    assertTrue(consumer.closed());
  }

  @Test
  void expiry_idleInstance_closesConsumerFromSchedulerWithoutFurtherAccess() {
    ConsumerRegistry registry = registry();
    ConsumerInstance instance = registry.create(ANON, "g", "c", BINARY);
    TestConsumer consumer = consumers.get(0);

    scheduler.advance(INSTANCE_TIMEOUT.minusMillis(1));
    assertFalse(consumer.closed());
    scheduler.advance(Duration.ofSeconds(5));

    assertTrue(consumer.closed());
    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, failure(instance.read(-1, -1, JsonTestWriter.FACTORY)).errorCode());
  }

  @Test
  void get_expiredBeforeCleanUp_throws40403() {
    ConsumerRegistry registry = registry();
    registry.create(ANON, "g", "c", BINARY);

    ticker.advance(INSTANCE_TIMEOUT); // no scheduled clean-up runs

    ProxyException error = assertThrows(ProxyException.class, () -> registry.get(ANON, "g", "c"));
    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, error.errorCode());
    assertEquals(0, registry.size());
    assertTrue(consumers.get(0).closed());
  }

  @Test
  void renew_beforeTimeout_renewsIdleTimer() {
    ConsumerRegistry registry = registry();
    ConsumerInstance instance = registry.create(ANON, "g", "c", BINARY);

    scheduler.advance(INSTANCE_TIMEOUT.minusMillis(1));
    registry.renew(ANON, instance.id());
    scheduler.advance(INSTANCE_TIMEOUT.minusMillis(1));

    assertSame(instance, registry.get(ANON, "g", "c"));
  }

  // --- delete ----------------------------------------------------------------------------------

  @Test
  void delete_existingInstance_closesConsumerAndLaterGetThrows40403() {
    ConsumerRegistry registry = registry();
    registry.create(ANON, "g", "c", BINARY);

    registry.delete(ANON, "g", "c").join();

    assertTrue(consumers.get(0).closed());
    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND,
        assertThrows(ProxyException.class, () -> registry.get(ANON, "g", "c")).errorCode());
    assertEquals(0, registry.size());
  }

  @Test
  void delete_consumerStillClosing_isTrackedUntilClosedSoShutdownWaitsForIt() {
    QueueExecutor pool = new QueueExecutor();
    ConsumerRegistry registry = new ConsumerRegistry(settings(Map.of(), 10), factory, pool, Runnable::run, scheduler,
        ticker, "n");
    registry.create(ANON, "g", "c", BINARY);

    CompletableFuture<Void> deleted = registry.delete(ANON, "g", "c");
    assertEquals(1, registry.closing());
    pool.runAll();

    deleted.join();
    assertTrue(consumers.get(0).closed());
    assertEquals(0, registry.closing());
  }

  @Test
  void delete_unknownOrAlreadyDeletedInstance_throws40403() {
    ConsumerRegistry registry = registry();
    registry.create(ANON, "g", "c", BINARY);
    registry.delete(ANON, "g", "c").join();

    ProxyException again = assertThrows(ProxyException.class, () -> registry.delete(ANON, "g", "c"));
    ProxyException unknown = assertThrows(ProxyException.class, () -> registry.delete(ANON, "g", "never"));

    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, again.errorCode());
    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, unknown.errorCode());
  }

  // --- keep-alive and shutdown -----------------------------------------------------------------

  @Test
  void keepAliveTimer_idleSubscribedInstance_pollsWithPartitionsPaused() {
    ConsumerRegistry registry = registry();
    ConsumerInstance instance = registry.create(ANON, "g", "c", BINARY);
    TestConsumer consumer = consumers.get(0);
    instance.subscribe(List.of("t")).join();
    consumer.rebalance(List.of(TP0));
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));

    CompletableFuture<String> firstRead = instance.read(1, -1, JsonTestWriter.FACTORY); // joins the group
    scheduler.advance(Duration.ofMillis(1));
    assertEquals("[]", firstRead.join());
    consumer.resetPollCounts();

    scheduler.advance(KEEP_ALIVE.minusMillis(1)); // the timer's first tick: idle for 1 ms less than the interval
    assertEquals(0, consumer.polls());
    scheduler.advance(KEEP_ALIVE);

    assertEquals(1, consumer.pausedPolls());
    assertEquals(1, consumer.polls());
  }

  @Test
  void keepAliveTimer_manyIdleInstances_spreadsPollsOverTheInterval() {
    ConsumerRegistry registry = registry(settings(Map.of(), 100), "n");
    for (int i = 0; i < 20; i++) {
      ConsumerInstance instance = registry.create(ANON, "g" + i, "c", BINARY);
      TestConsumer consumer = consumers.get(i);
      instance.subscribe(List.of("t")).join();
      consumer.rebalance(List.of(TP0));
      consumer.updateBeginningOffsets(Map.of(TP0, 0L));
      CompletableFuture<String> firstRead = instance.read(1, -1, JsonTestWriter.FACTORY); // joins the group
      scheduler.advance(Duration.ofMillis(1));
      firstRead.join();
      consumer.resetPollCounts();
    }
    Duration tick = KEEP_ALIVE.dividedBy(10);

    scheduler.advance(KEEP_ALIVE); // the tick at KEEP_ALIVE comes just before the instances are due
    assertEquals(0, totalPolls());
    scheduler.advance(tick);
    int afterFirstDueTick = totalPolls();
    scheduler.advance(KEEP_ALIVE.minus(tick)); // nine more ticks

    assertEquals(2, afterFirstDueTick); // a tenth of 20 per tick
    assertEquals(20, totalPolls());
  }

  @Test
  void close_closesEveryInstanceAndCommitsReturnedOffsetsWhereAutoCommitIsOn() {
    ConsumerRegistry registry = registry();
    ConsumerInstance autoCommit = registry.create(ANON, "g", "auto",
        new InstanceSettings(EmbeddedFormat.BINARY, null, true, null, null));
    ConsumerInstance manual = registry.create(ANON, "g", "manual",
        new InstanceSettings(EmbeddedFormat.BINARY, null, false, null, null));
    readOneRecord(autoCommit, consumers.get(0));
    readOneRecord(manual, consumers.get(1));

    registry.close(Duration.ofSeconds(5));

    assertTrue(consumers.get(0).closed());
    assertTrue(consumers.get(1).closed());
    assertEquals(Map.of(TP0, 1L), consumers.get(0).committedOffsets());
    assertEquals(List.of(), consumers.get(1).commits());
    assertEquals(0, registry.size());
    assertThrows(ProxyException.class, () -> registry.get(ANON, "g", "auto"));
  }

  @Test
  void create_afterClose_throws503AndClosesItsConsumer() {
    ConsumerRegistry registry = registry();
    registry.close(Duration.ofSeconds(5));

    ProxyException error = assertThrows(ProxyException.class, () -> registry.create(ANON, "g", "c", BINARY));

    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, error.errorCode());
    assertTrue(consumers.get(0).closed());
    assertEquals(0, registry.size());
  }

  // --- metrics ---------------------------------------------------------------------------------

  @Test
  void metrics_createThenDelete_reportsCreationAndDeletion() {
    RecordingMetrics metrics = new RecordingMetrics();
    ConsumerRegistry registry = registry(metrics);

    registry.create(ANON, "g", "c", BINARY);
    assertThrows(ProxyException.class, () -> registry.create(ANON, "g", "c", BINARY));
    registry.delete(ANON, "g", "c").join();

    assertEquals(List.of("created", "removed DELETED"), metrics.calls());
  }

  @Test
  void metrics_idleInstance_reportsExpiration() {
    RecordingMetrics metrics = new RecordingMetrics();
    ConsumerRegistry registry = registry(metrics);
    registry.create(ANON, "g", "c", BINARY);

    scheduler.advance(INSTANCE_TIMEOUT.plusSeconds(5));

    assertEquals(List.of("created", "removed EXPIRED"), metrics.calls());
  }

  @Test
  void metrics_close_reportsShutdownRemovals() {
    RecordingMetrics metrics = new RecordingMetrics();
    ConsumerRegistry registry = registry(metrics);
    registry.create(ANON, "g", "a", BINARY);
    registry.create(ANON, "g", "b", BINARY);

    registry.close(Duration.ofSeconds(5));

    assertEquals(List.of("created", "created", "removed SHUTDOWN", "removed SHUTDOWN"), metrics.calls());
  }

  @Test
  void metrics_read_reportsRecordsAndBytesOfEachAnswerOnce() {
    RecordingMetrics metrics = new RecordingMetrics();
    ConsumerRegistry registry = registry(metrics);
    ConsumerInstance instance = registry.create(ANON, "g", "c", BINARY);
    TestConsumer consumer = consumers.get(0);

    readOneRecord(instance, consumer);
    CompletableFuture<String> empty = instance.read(1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(Duration.ofMillis(5));

    assertEquals("[]", empty.join());
    assertEquals(List.of("created", "read started", "read 1 2", "read ended", "read started", "read 0 0", "read ended"),
        metrics.calls());
  }

  @Test
  void metrics_perTopic_readAlsoReportsEachTopic() {
    RecordingMetrics metrics = new RecordingMetrics(true);
    ConsumerRegistry registry = registry(metrics);
    ConsumerInstance instance = registry.create(ANON, "g", "c", BINARY);
    TestConsumer consumer = consumers.get(0);

    readOneRecord(instance, consumer);

    assertEquals(List.of("created", "read started", "read 1 2", "read " + TP0.topic() + " 1 2", "read ended"),
        metrics.calls());
  }

  @Test
  void metrics_longPoll_startedUntilAnswered() {
    RecordingMetrics metrics = new RecordingMetrics();
    ConsumerRegistry registry = registry(metrics);
    ConsumerInstance instance = registry.create(ANON, "g", "c", BINARY);
    instance.assign(List.of(TP0)).join();
    consumers.get(0).updateBeginningOffsets(Map.of(TP0, 0L));

    CompletableFuture<String> waiting = instance.read(1_000, -1, JsonTestWriter.FACTORY);
    scheduler.advance(Duration.ofMillis(500));
    List<String> meanwhile = metrics.calls();
    scheduler.advance(Duration.ofMillis(600));

    assertEquals(List.of("created", "read started"), meanwhile);
    assertEquals("[]", waiting.join());
    assertEquals(List.of("created", "read started", "read 0 0", "read ended"), metrics.calls());
  }

  // --- helpers ---------------------------------------------------------------------------------

  private int totalPolls() {
    return consumers.stream().mapToInt(TestConsumer::polls).sum();
  }

  private ConsumerRegistry registry() {
    return registry(settings(Map.of(), 10), "node1");
  }

  private ConsumerRegistry registry(RecordingMetrics metrics) {
    return new ConsumerRegistry(settings(Map.of(), 10), factory, Runnable::run, Runnable::run, scheduler, ticker,
        "node1", metrics);
  }

  private ConsumerRegistry registry(RegistrySettings settings, String nodeId) {
    return new ConsumerRegistry(settings, factory, Runnable::run, Runnable::run, scheduler, ticker, nodeId);
  }

  private static RegistrySettings settings(Map<String, Object> consumerSettings, int maxInstances) {
    return new RegistrySettings(consumerSettings, INSTANCE_TIMEOUT, REQUEST_TIMEOUT, 64L * 1024 * 1024, -1,
        Duration.ofMillis(50), KEEP_ALIVE, maxInstances, 16);
  }

  private static void assertGeneratedName(String prefix, String name) {
    assertTrue(name.startsWith(prefix), name);
    String uuid = name.substring(prefix.length());
    Matcher matcher = UUID_PATTERN.matcher(uuid);
    assertTrue(matcher.matches(), name);
    assertEquals(uuid, UUID.fromString(uuid).toString());
  }

  /** Assigns {@code t-0}, adds the record at offset 0 and reads it. */
  private static void readOneRecord(ConsumerInstance instance, TestConsumer consumer) {
    instance.assign(List.of(TP0)).join();
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));
    addAndRead(instance, consumer, 0);
  }

  private static void addAndRead(ConsumerInstance instance, TestConsumer consumer, long offset) {
    consumer.addRecord(new ConsumerRecord<>("t", 0, offset, bytes("k"), bytes("v")));
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    assertTrue(read.isDone());
    assertTrue(read.join().contains("\"offset\":" + offset), "offset " + offset);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    assertTrue(future.isCompletedExceptionally(), "expected a failed future");
    CompletionException thrown = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, thrown.getCause());
  }
}
