package dev.kafkarest.core.consumer;

import dev.kafkarest.core.format.EmbeddedFormat;
import org.jspecify.annotations.Nullable;

/**
 * What a client asked for when it created an instance; null fields take the proxy's defaults.
 *
 * @param autoOffsetReset {@code earliest}, {@code latest} or {@code none} (legacy names already mapped)
 * @param fetchMinBytes bytes a read collects before it may return early; -1 returns at the first record
 * @param requestTimeoutMs the longest a read waits for records
 */
public record InstanceSettings(
    EmbeddedFormat format,
    @Nullable String autoOffsetReset,
    @Nullable Boolean autoCommit,
    @Nullable Integer fetchMinBytes,
    @Nullable Integer requestTimeoutMs) {}
