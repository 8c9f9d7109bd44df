package dev.kafkarest.server.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinksTest {

  @Test
  void crn_typesAndNames_confluentResourceName() {
    assertEquals("crn:///kafka=c1", Links.crn("c1"));
    assertEquals("crn:///kafka=c1/topic=t/partition=0", Links.crn("c1", "topic", "t", "partition", "0"));
  }

  @Test
  void crn_emptyName_typeAlone() {
    assertEquals("crn:///kafka=c1/consumer-group=g/lag-summary", Links.crn("c1", "consumer-group", "g", "lag-summary", ""));
  }
}
