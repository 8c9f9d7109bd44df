package dev.kafkarest.server.nodes;

/** Where each call for an instance another node holds went: what the meters count ({@code server.metrics}). */
public interface ForwardingOutcomes {
  /** Counts nothing: metrics are off. */
  ForwardingOutcomes NONE = outcome -> { };

  /** What became of a call for an instance this node does not hold. */
  enum Outcome {
    /** Sent to the owner, whose answer was relayed. */
    FORWARDED,
    /** Answered with a 307 to the owner ({@code nodes.forward.mode=redirect}). */
    REDIRECTED,
    /** The owner did not answer: 503. */
    OWNER_UNREACHABLE,
    /** The owner's node is gone: 404/40403 naming it. */
    OWNER_GONE
  }

  void record(Outcome outcome);
}
