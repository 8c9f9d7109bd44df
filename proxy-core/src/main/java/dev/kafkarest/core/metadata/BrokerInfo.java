package dev.kafkarest.core.metadata;

import org.jspecify.annotations.Nullable;

/** A broker of the cluster: its id, the address clients reach it at, and its rack when it has one. */
public record BrokerInfo(int id, String host, int port, @Nullable String rack) {}
