/**
 * Consumer groups for the v3 API: groups with their state, type, coordinator and members, each member's
 * assignment, and the lag of a group's committed offsets behind the log end (per partition and as a
 * summary), answered asynchronously from Kafka's Admin client with bounded timeouts. {@code Lags} holds the
 * pure computation and Confluent's order, so it is tested without Kafka.
 */
@NullMarked
package dev.kafkarest.core.group;

import org.jspecify.annotations.NullMarked;
