/**
 * Who may do what: the caller's {@link dev.kafkarest.core.access.Identity} as established by
 * authentication, and the policies that decide operations on topics, consumer groups and the cluster.
 */
@NullMarked
package dev.kafkarest.core.access;

import org.jspecify.annotations.NullMarked;
