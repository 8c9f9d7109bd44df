package dev.kafkarest.core.admin;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The cluster the proxy serves: its id, its controller (null when unknown) and its brokers by id. */
public record ClusterInfo(String clusterId, @Nullable Integer controllerId, List<BrokerInfo> brokers) {
  public ClusterInfo {
    brokers = List.copyOf(brokers);
  }
}
