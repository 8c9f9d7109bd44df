/**
 * Several proxy nodes behind a plain load balancer: consumer-instance calls that land on a node other than
 * the instance's owner are forwarded to the owner (or redirected to it), with the caller's identity signed
 * by the nodes' shared secret. Which node owns which instance comes from {@link
 * dev.kafkarest.core.nodes.NodeDirectory}, kept in Kafka. See docs/deployment.md.
 */
@NullMarked
package dev.kafkarest.server.nodes;

import org.jspecify.annotations.NullMarked;
