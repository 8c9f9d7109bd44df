/**
 * The Azure HDInsight Kafka REST proxy's own API ({@code /v1/metadata}, {@code /v1/topics},
 * {@code /v1/producer}, {@code /v1/consumer}) on the core services: its resources, wire records and the
 * {@link HdInsightApi} feature that registers them when {@code api.v1.hdinsight.enable} is on. It imports
 * nothing from another API package.
 */
@NullMarked
package dev.kafkarest.server.hdinsight;

import org.jspecify.annotations.NullMarked;
