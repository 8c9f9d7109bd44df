package dev.kafkarest.core.consumer;

/** A consumer instance's key: its group and its name, unique within this proxy process. */
public record ConsumerInstanceId(String group, String name) {}
