/**
 * Several proxy nodes behind one load balancer. Each node announces itself, with the URL other nodes
 * reach it at, and each consumer instance it creates, in one compacted Kafka topic; every node reads the
 * whole topic into a {@link dev.kafkarest.core.nodes.NodeView}, so any node can tell which node owns an
 * instance and whether that node is still alive. Kafka is the only shared state. Nothing here knows HTTP:
 * forwarding a request to the owner is the server's business.
 */
@NullMarked
package dev.kafkarest.core.nodes;

import org.jspecify.annotations.NullMarked;
