package dev.kafkarest.core.admin;

import org.jspecify.annotations.Nullable;

/** One broker: id, advertised host and port, and rack (null when it has none). */
public record BrokerInfo(int brokerId, String host, int port, @Nullable String rack) {}
