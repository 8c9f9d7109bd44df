/**
 * Who may do what: the caller's {@link dev.kafkarest.core.access.Identity} as established by
 * authentication, and the {@link dev.kafkarest.core.access.AccessPolicy} that decides operations on topics,
 * consumer groups and the cluster. {@link dev.kafkarest.core.access.AccessSettings#createPolicy} builds the
 * policy in force: the allow and deny rules of a file ({@link dev.kafkarest.core.access.RuleFilePolicy},
 * reloaded when it changes), or allow-all while authorization is off, always wrapped in an {@link
 * dev.kafkarest.core.access.InternalTopicGuard} that keeps produce and consume off Kafka's internal topics.
 */
@NullMarked
package dev.kafkarest.core.access;

import org.jspecify.annotations.NullMarked;
