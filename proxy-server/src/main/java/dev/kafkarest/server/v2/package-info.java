/**
 * The v2 resources, one per Confluent URL segment, and their wire records. Resources parse and validate
 * the request, call the core, and render the result on a response thread; they hold no state of their
 * own.
 */
@NullMarked
package dev.kafkarest.server.v2;

import org.jspecify.annotations.NullMarked;
