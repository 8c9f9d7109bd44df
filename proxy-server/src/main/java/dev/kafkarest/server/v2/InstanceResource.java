package dev.kafkarest.server.v2;

/**
 * What {@code /consumers/{group}/instances/{instance}} resolves to: the instance on this node ({@link
 * ConsumerInstanceResource}), or one another node holds ({@link RemoteInstanceResource}).
 */
public sealed interface InstanceResource permits ConsumerInstanceResource, RemoteInstanceResource {}
