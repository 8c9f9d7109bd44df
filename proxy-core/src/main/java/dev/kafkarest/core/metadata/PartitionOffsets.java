package dev.kafkarest.core.metadata;

/** The first offset still in a partition's log and the log-end offset. */
public record PartitionOffsets(long beginningOffset, long endOffset) {}
