package dev.kafkarest.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryRecordsTest {

  @Test
  void nodeKey_roundTrips() {
    assertEquals(new DirectoryRecords.Key("node-1", null), DirectoryRecords.parse(DirectoryRecords.nodeKey("node-1")));
  }

  @Test
  void instanceKey_withAnyCharacters_roundTrips() {
    OwnedInstance instance = new OwnedInstance("CN=a \"b\", O=c/d", false, "grüppe/\\x\u0000", "rest-consumer-1");
    assertEquals(new DirectoryRecords.Key(null, instance),
        DirectoryRecords.parse(DirectoryRecords.instanceKey(instance)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "node", "[\"node\"]", "[\"node\",1]", "[\"instance\",\"p\",\"true\",\"g\",\"i\"]",
      "[\"other\",\"x\"]", "{\"node\":\"a\"}", "[\"node\",\"a\"", "\u00ff\u00fe"})
  void parse_foreignOrDamagedKey_isSkipped(String key) {
    assertNull(DirectoryRecords.parse(key.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void parse_nullKey_isSkipped() {
    assertNull(DirectoryRecords.parse(null));
  }

  @Test
  void text_tombstone_isNull() {
    assertNull(DirectoryRecords.text((byte[]) null));
    assertEquals("http://a", DirectoryRecords.text(DirectoryRecords.text("http://a")));
  }
}
