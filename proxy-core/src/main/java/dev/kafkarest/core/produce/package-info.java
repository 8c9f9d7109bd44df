/**
 * The produce path: parsing a v2 produce request straight into Kafka bytes, checking the topic and
 * partitions up front (so a missing topic answers at once), and handing every record to one shared
 * producer before awaiting any. Per-record failures are data ({@link dev.kafkarest.core.produce.ProduceOutcome}),
 * not exceptions.
 */
@NullMarked
package dev.kafkarest.core.produce;

import org.jspecify.annotations.NullMarked;
