package dev.kafkarest.server.nodes;

import java.time.Duration;
import org.apache.kafka.common.config.types.Password;

/**
 * The nodes settings, read by {@link NodesKeys#settings}.
 *
 * @param advertisedUrl empty for the default, derived from the first listener
 * @param secret shown as {@code [hidden]} by {@code toString}
 * @param redirect answer 307 to the owner rather than forwarding
 */
public record NodesSettings(boolean enabled, String advertisedUrl, String topic, Duration heartbeatInterval,
    Duration failureTimeout, Password secret, boolean redirect, Duration forwardTimeout, int forwardThreads,
    int maxInstances) {}
