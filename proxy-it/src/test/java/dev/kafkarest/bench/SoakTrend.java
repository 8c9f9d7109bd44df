package dev.kafkarest.bench;

import java.util.List;

/**
 * The trend of one sampled figure over a soak run: its least-squares slope per minute after the warm-up,
 * and whether it grows without bound. A figure is judged bounded when the mean of the last third of the
 * samples is within {@code tolerance} of the mean of the middle third, or its slope after the warm-up is
 * at most {@code tolerance} per 30 minutes: a leak keeps climbing, a plateau does not.
 *
 * @param name what is sampled, for the report
 * @param unit the figure's unit, for the report
 * @param tolerance how much the figure may still rise once warm, in its unit
 */
record SoakTrend(String name, String unit, double tolerance) {

  /** One figure's verdict. */
  record Verdict(String name, String unit, double first, double last, double max, double slopePerMinute,
      double middleMean, double lastMean, boolean bounded) {

    String row() {
      return String.format("| %s | %.1f | %.1f | %.1f | %+.2f%s/min | %s |", unit.isEmpty() ? name : name + " (" + unit
          + ")", first, last, max, slopePerMinute, unit.isEmpty() ? "" : " " + unit, bounded ? "bounded" : "**grows**");
    }
  }

  /**
   * Judges the samples.
   *
   * @param minutes when each sample was taken, in minutes since the start
   * @param values the figure at those times
   */
  Verdict judge(List<Double> minutes, List<Double> values) {
    if (minutes.size() != values.size() || values.size() < 6) {
      throw new IllegalArgumentException("need at least 6 samples of " + name + ", got " + values.size());
    }
    int n = values.size();
    int warm = n / 3;
    double slope = slope(minutes.subList(warm, n), values.subList(warm, n));
    double middle = mean(values.subList(warm, 2 * n / 3));
    double last = mean(values.subList(2 * n / 3, n));
    boolean bounded = last - middle <= tolerance || slope * 30 <= tolerance;
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return new Verdict(name, unit, values.get(0), values.get(n - 1), max, slope, middle, last, bounded);
  }

  /** {@return the least-squares slope of {@code y} over {@code x}} */
  static double slope(List<Double> x, List<Double> y) {
    double mx = mean(x);
    double my = mean(y);
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.size(); i++) {
      num += (x.get(i) - mx) * (y.get(i) - my);
      den += (x.get(i) - mx) * (x.get(i) - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }
}
