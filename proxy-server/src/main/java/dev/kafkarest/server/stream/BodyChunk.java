package dev.kafkarest.server.stream;

import dev.kafkarest.core.consumer.RecordsBody;

/**
 * One chunk of a records body handed to the connection by a {@link BodyPump}; {@link BodyChunkWriter} writes it
 * without copying and then runs {@code written}.
 *
 * @param index from 0 to the body's {@link RecordsBody#chunkCount()} excluded
 * @param written runs once the chunk is in the connection's queue
 */
record BodyChunk(RecordsBody body, int index, Runnable written) {}
