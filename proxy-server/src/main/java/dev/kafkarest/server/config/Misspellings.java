package dev.kafkarest.server.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the key a mistyped one most likely meant: one or two edits away (a transposition counts as one). */
final class Misspellings {
  private Misspellings() {}

  /** {@return the candidate closest to {@code key} within the edits a typo makes, if any} */
  static Optional<String> closest(String key, Collection<String> candidates) {
    int allowed = key.length() < 8 ? 1 : 2;
    return candidates.stream()
        .filter(candidate -> !candidate.equals(key))
        .filter(candidate -> Math.abs(candidate.length() - key.length()) <= allowed)
        .map(candidate -> new Candidate(candidate, distance(key, candidate)))
        .filter(candidate -> candidate.distance() <= allowed)
        .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::key))
        .map(Candidate::key);
  }

  /** Edit distance with adjacent transpositions (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private record Candidate(String key, int distance) {}
}
