/**
 * Stateful consumer instances. A {@link dev.kafkarest.core.consumer.ConsumerRegistry} holds instances in
 * a Caffeine cache that expires idle ones; each {@link dev.kafkarest.core.consumer.ConsumerInstance} owns
 * one {@code KafkaConsumer} and runs every operation on it through a {@link
 * dev.kafkarest.core.consumer.SerialLane}, a serial view of a shared bounded pool. Long-poll reads hold no
 * thread while they wait: each attempt polls without blocking and, when it must wait, is scheduled again.
 */
@NullMarked
package dev.kafkarest.core.consumer;

import org.jspecify.annotations.NullMarked;
