/**
 * Fault tests: the tests start and stop real processes (a Kafka broker of their own, the proxy in its own
 * JVM) under load, and account for every record by a unique id read back with a native Kafka consumer.
 * Each scenario's figures go to {@code target/fault-report.md} ({@link dev.kafkarest.it.faults.FaultReport}).
 */
@NullMarked
package dev.kafkarest.it.faults;

import org.jspecify.annotations.NullMarked;
