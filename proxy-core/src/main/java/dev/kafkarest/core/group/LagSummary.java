package dev.kafkarest.core.group;

/** A group's largest lag (the first of Confluent's order) and the sum of its lags. */
public record LagSummary(ConsumerLag maxLag, long totalLag) {}
