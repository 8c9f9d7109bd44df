/**
 * HTTP plumbing shared by every resource: media types, the JSON provider, Confluent-style error mapping,
 * the hop from Kafka threads to response threads, request admission and body limits, and the Grizzly
 * work-arounds. Nothing here knows about a particular endpoint.
 */
@NullMarked
package dev.kafkarest.server.http;

import org.jspecify.annotations.NullMarked;
