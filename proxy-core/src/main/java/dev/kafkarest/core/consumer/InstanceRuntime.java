package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.Executor;

/**
 * Where an instance's work runs and how it tells time.
 *
 * @param lane runs every operation on the instance's Kafka consumer, one at a time
 * @param closer runs the Kafka consumer's {@code close}, which can block for {@code fetch.max.wait.ms},
 *     off the shared lane pool
 * @param scheduler schedules the next attempt of a waiting read
 * @param ticker the clock of read deadlines, back-offs, auto-commit and keep-alive intervals
 */
record InstanceRuntime(SerialLane lane, Executor closer, Scheduler scheduler, Ticker ticker) {}
