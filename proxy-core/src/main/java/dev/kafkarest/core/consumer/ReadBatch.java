package dev.kafkarest.core.consumer;

/**
 * The answer to one {@link PartitionRead}: the records as the caller's writer built them, and where the
 * next read should start. A stream is a sequence of reads, each from the previous batch's {@code
 * nextOffset}.
 *
 * @param records the writer's finished answer
 * @param count how many records it holds
 * @param offset the offset the read started from, with {@code earliest}/{@code latest} resolved
 * @param nextOffset the offset after the last record returned, or {@code offset} when none was
 */
public record ReadBatch<T>(T records, int count, long offset, long nextOffset) {}
