package dev.kafkarest.server.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /brokers}. */
record BrokerList(@JsonProperty("brokers") List<Integer> brokers) {}
