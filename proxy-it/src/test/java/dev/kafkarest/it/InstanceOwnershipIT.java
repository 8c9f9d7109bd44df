package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer instance belongs to the principal that created it: any other principal gets 404/40403 for
 * it, as for an instance that does not exist, and cannot change it. Instance names that no URL can
 * address are refused at creation.
 */
@ProxyTest
class InstanceOwnershipIT {
  private final KafkaTestClient kafka;

  InstanceOwnershipIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @Test
  void anotherPrincipal_gets40403OnEveryInstanceRequest_andChangesNothing(@TempDir Path dir) throws Exception {
    String topic = kafka.createTopic("owned", 1);
    String group = KafkaTestClient.uniqueName("owned");
    try (SecuredProxy proxy = SecuredProxy.start(kafka.bootstrapServers(), dir, List.of("alice", "bob"), List.of(),
        Map.of("authorization.enabled", "false"))) {
      ProxyClient alice = proxy.as("alice");
      ProxyClient bob = proxy.as("bob");
      assertProduced(alice.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"AA==\"}]}"), 1);
      RestConsumer owned = RestConsumer.create(alice, group,
          "{\"name\":\"shared\",\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
      assertEquals(204, owned.assign(topic, 0).status());
      assertEquals(1, owned.readUntil(MediaTypes.BINARY_V2, 1, Duration.ofSeconds(15)).size());
      assertEquals(200, owned.commit(topic, 0, 0).status());
      RestConsumer asBob = RestConsumer.named(bob, group, "shared");

      List<Function<RestConsumer, HttpResult>> calls = List.of(
          c -> c.subscribe(topic),
          c -> bob.get(c.path() + "/subscription"),
          c -> bob.method("DELETE", c.path() + "/subscription", BodyPublishers.noBody()),
          c -> c.assign(topic, 0),
          c -> bob.get(c.path() + "/assignments"),
          c -> c.seek(topic, 0, 0),
          c -> c.seekToBeginning(topic, 0),
          c -> c.seekToEnd(topic, 0),
          c -> c.commit(topic, 0, 41),
          RestConsumer::commit,
          c -> c.committed(topic, 0),
          c -> c.read(MediaTypes.BINARY_V2, 0),
          RestConsumer::delete);
      for (Function<RestConsumer, HttpResult> call : calls) {
        assertError(call.apply(asBob), 404, 40403);
      }

      // Alice's instance is untouched: still assigned, its committed offset unchanged, and hers to delete.
      assertEquals("[{\"topic\":\"" + topic + "\",\"partition\":0}]",
          alice.get(owned.path() + "/assignments").json().get("partitions").toString());
      assertEquals(1L, kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS).values().iterator().next().offset());
      assertEquals(204, owned.delete().status());
    }
  }

  @Test
  void anotherPrincipal_creatingTheSameName_getsItsOwnInstance(@TempDir Path dir) {
    String topic = kafka.createTopic("owned", 1);
    String group = KafkaTestClient.uniqueName("owned");
    try (SecuredProxy proxy = SecuredProxy.start(kafka.bootstrapServers(), dir, List.of("alice", "bob"), List.of(),
        Map.of("authorization.enabled", "false"))) {
      ProxyClient alice = proxy.as("alice");
      ProxyClient bob = proxy.as("bob");
      RestConsumer alices = RestConsumer.create(alice, group, "{\"name\":\"shared\"}");
      assertEquals(204, alices.subscribe(topic).status());

      RestConsumer bobs = RestConsumer.create(bob, group, "{\"name\":\"shared\"}");

      assertEquals(alices.path(), bobs.path());
      assertEquals("[]", bob.get(bobs.path() + "/subscription").json().get("topics").toString());
      assertEquals("[\"" + topic + "\"]", alice.get(alices.path() + "/subscription").json().get("topics").toString());
      assertError(bob.post("/consumers/" + group, MediaTypes.V2, "{\"name\":\"shared\"}"), 409, 40902);
      assertEquals(204, bobs.delete().status());
      assertEquals(200, alice.get(alices.path() + "/subscription").status());
      assertEquals(204, alices.delete().status());
    }
  }

  @Test
  void unaddressableNames_refusedWith42204_andCreateNothing() {
    // One instance at most: a refused name that still created an instance would make the last create 429.
    try (var server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of("consumer.instances.max", "1"))) {
      ProxyClient client = new ProxyClient(server.baseUri());
      String group = KafkaTestClient.uniqueName("names");
      for (String name : List.of("", ".", "..", "a/b", "a\\\\b", "a;b", "tab\\tname", "x".repeat(256))) {
        String message = assertError(client.post("/consumers/" + group, MediaTypes.V2, "{\"name\":\"" + name + "\"}"),
            422, 42204, "Invalid consumer configuration: the instance name ");
        assertTrue(message.endsWith("so that it can be used in a URL."), message);
      }

      RestConsumer dotted = RestConsumer.create(client, group, "{\"name\":\"a.b\"}");
      assertEquals(200, client.get(dotted.path() + "/subscription").status());
      assertEquals(204, dotted.delete().status());
    }
  }
}
