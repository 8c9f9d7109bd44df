package dev.kafkarest.it;

/** The v2 endpoint paths, relative to the proxy's base URI. */
public final class Endpoints {
  private Endpoints() {}

  public static String root() {
    return "/";
  }

  public static String topics() {
    return "/topics";
  }

  public static String topic(String topic) {
    return "/topics/" + topic;
  }

  public static String partitions(String topic) {
    return topic(topic) + "/partitions";
  }

  public static String partition(String topic, Object partition) {
    return partitions(topic) + "/" + partition;
  }

  public static String offsets(String topic, Object partition) {
    return partition(topic, partition) + "/offsets";
  }

  public static String brokers() {
    return "/brokers";
  }
}
