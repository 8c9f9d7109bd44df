package dev.kafkarest.core.quota;

/** The traffic a quota applies to; each has its own request and byte limits. */
public enum QuotaKind {
  /** Produce requests and the bytes of their bodies. */
  PRODUCE,
  /** Consumer reads and the bytes of their responses. */
  CONSUME
}
