package dev.kafkarest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The produce-throughput chart: records/s (log scale) against records per request (log scale), one
 * line per format and connection count, and the native producer as a dashed horizontal line. Plain
 * SVG written by hand, so the benchmark needs no charting library.
 */
final class SvgChart {
  private static final int WIDTH = 820;
  private static final int HEIGHT = 500;
  private static final int LEFT = 80;
  private static final int RIGHT = 200;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  private SvgChart() {}

  static String render(Map<String, Map<Integer, Double>> series, double nativeRate) {
    TreeSet<Integer> xs = new TreeSet<>();
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Map<Integer, Double> points : series.values()) {
      for (Map.Entry<Integer, Double> p : points.entrySet()) {
        xs.add(p.getKey());
        if (p.getValue() > 0) {
          min = Math.min(min, p.getValue());
          max = Math.max(max, p.getValue());
        }
      }
    }
    if (nativeRate > 0) {
      min = Math.min(min, nativeRate);
      max = Math.max(max, nativeRate);
    }
    if (xs.isEmpty() || max <= 0) {
      return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\"><text x=\"10\" y=\"25\">no data</text></svg>\n";
    }
    double yLow = Math.pow(10, Math.floor(Math.log10(min)));
    double yHigh = Math.pow(10, Math.ceil(Math.log10(max * 1.01)));
    double xLow = Math.log10(xs.first());
    double xHigh = Math.max(Math.log10(xs.last()), xLow + 1);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    java.util.function.DoubleUnaryOperator x = n -> LEFT + (Math.log10(n) - xLow) / (xHigh - xLow) * plotW;
    java.util.function.DoubleUnaryOperator y = v -> TOP + plotH - (Math.log10(v) - Math.log10(yLow))
        / (Math.log10(yHigh) - Math.log10(yLow)) * plotH;

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(LEFT, 28, "Produce throughput: proxy (P1 binary, P2 json) vs native producer, 100 B records",
        "start", 14, "bold"));
    // Grid and axes.
    for (double v = yLow; v <= yHigh * 1.0001; v *= 10) {
      for (int m = 1; m < 10; m++) {
        double tick = v * m;
        if (tick > yHigh * 1.0001) {
          break;
        }
        double ty = y.applyAsDouble(tick);
        svg.append(line(LEFT, ty, LEFT + plotW, ty, m == 1 ? "#bbbbbb" : "#eeeeee", 1, null));
        if (m == 1) {
          svg.append(text(LEFT - 8, ty + 4, human(tick), "end", 12, "normal"));
        }
      }
    }
    for (int n : xs) {
      double tx = x.applyAsDouble(n);
      svg.append(line(tx, TOP, tx, TOP + plotH, "#eeeeee", 1, null));
      svg.append(text(tx, TOP + plotH + 18, Integer.toString(n), "middle", 12, "normal"));
    }
    svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333333", 1, null));
    svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#333333", 1, null));
    svg.append(text(LEFT + plotW / 2.0, HEIGHT - 15, "records per request (N)", "middle", 13, "normal"));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 18 %.1f)\">"
            + "records/s (log scale)</text>%n", TOP + plotH / 2.0, TOP + plotH / 2.0));

    List<String> legend = new ArrayList<>();
    List<String> colors = new ArrayList<>();
    List<Boolean> dashed = new ArrayList<>();
    if (nativeRate > 0) {
      double ny = y.applyAsDouble(nativeRate);
      svg.append(line(LEFT, ny, LEFT + plotW, ny, "#000000", 2, "8,5"));
      legend.add("native producer " + human(nativeRate) + "/s");
      colors.add("#000000");
      dashed.add(true);
    }
    for (Map.Entry<String, Map<Integer, Double>> s : series.entrySet()) {
      String color = color(s.getKey());
      StringBuilder path = new StringBuilder();
      for (Map.Entry<Integer, Double> p : new java.util.TreeMap<>(s.getValue()).entrySet()) {
        if (p.getValue() <= 0) {
          continue;
        }
        double px = x.applyAsDouble(p.getKey());
        double py = y.applyAsDouble(p.getValue());
        path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", px, py, color));
      }
      if (path.length() > 0) {
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
            path, color, s.getKey().startsWith("json") ? " stroke-dasharray=\"2,3\"" : ""));
      }
      legend.add("proxy " + s.getKey());
      colors.add(color);
      dashed.add(s.getKey().startsWith("json"));
    }
    int lx = LEFT + plotW + 20;
    for (int i = 0; i < legend.size(); i++) {
      double ly = TOP + 10 + i * 22;
      svg.append(line(lx, ly, lx + 28, ly, colors.get(i), 2, dashed.get(i) ? (i == 0 && nativeRate > 0 ? "8,5" : "2,3") : null));
      svg.append(text(lx + 34, ly + 4, legend.get(i), "start", 12, "normal"));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String color(String series) {
    boolean json = series.startsWith("json");
    if (series.endsWith("c=1")) {
      return json ? "#fd8d3c" : "#6baed6";
    }
    if (series.endsWith("c=16")) {
      return json ? "#e6550d" : "#3182bd";
    }
    return json ? "#a63603" : "#08519c";
  }

  static String human(double v) {
    if (v >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (v >= 1e3) {
      return trim(v / 1e3) + "k";
    }
    return trim(v);
  }

  private static String trim(double v) {
    return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String line(double x1, double y1, double x2, double y2, String color, int width, @Nullable String dash) {
    return String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%d\"%s/>%n",
        x1, y1, x2, y2, color, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String text(double x, double y, String text, String anchor, int size, String weight) {
    return String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>%n",
        x, y, anchor, size, weight, text.replace("&", "&amp;").replace("<", "&lt;"));
  }
}
