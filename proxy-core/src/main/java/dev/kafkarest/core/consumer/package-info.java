/**
 * Stateful consumer instances. A {@link dev.kafkarest.core.consumer.ConsumerRegistry} holds instances in
 * a Caffeine cache that expires idle ones; each {@link dev.kafkarest.core.consumer.ConsumerInstance} owns
 * one {@code KafkaConsumer} and runs every operation on it through a {@link
 * dev.kafkarest.core.consumer.SerialLane}, a serial view of a shared bounded pool; state only lane tasks
 * touch is marked {@code @LaneConfined}. Long-poll reads hold no thread while they wait: each attempt polls
 * without blocking and, when it must wait, is scheduled again. A read writes records into a {@link
 * dev.kafkarest.core.consumer.RecordBatchWriter} the caller supplies, so each API decides the shape of its
 * answer; nothing here knows HTTP or a wire format.
 */
@NullMarked
package dev.kafkarest.core.consumer;

import org.jspecify.annotations.NullMarked;
