package dev.kafkarest.core.consumer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks state that only tasks of one consumer instance's {@link SerialLane} touch, one task at a time: on
 * a type, all of its mutable state; on a field or method, that member. Such state needs no lock and no
 * {@code volatile}, and must never be read or written from another thread (a request thread, the timer,
 * the closer). Kafka's rebalance and commit callbacks run inside {@code poll} and {@code commit*} calls,
 * so on the lane too. The lane's hand-off between pool threads orders the tasks.
 *
 * <p>Nothing checks this at build time; it tells the reader which thread discipline a piece of state
 * relies on, as {@code @GuardedBy} does for locks.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
@interface LaneConfined {}
