package dev.kafkarest.server.quota;

import dev.kafkarest.core.quota.QuotaKind;
import org.jspecify.annotations.Nullable;

/**
 * Which requests quotas count, decided on the method and raw path alone, before resource matching: the
 * one place that lists them. An API that adds produce or read endpoints adds its paths here.
 *
 * <ul>
 *   <li>{@link QuotaKind#PRODUCE}: {@code POST /topics/{t}}, {@code POST /topics/{t}/partitions/{p}} and
 *       HDInsight's {@code POST /v1/producer/topics/{t}}.
 *   <li>{@link QuotaKind#CONSUME}: {@code GET /consumers/{g}/instances/{i}/records}, v1's {@code GET
 *       /consumers/{g}/instances/{i}/topics/{t}}, the reads by offset {@code GET
 *       /topics/{t}/partitions/{p}/records} and {@code .../messages}, and HDInsight's {@code GET
 *       /v1/consumer/topics/{t}/partitions/{p}/offsets/{o}}.
 * </ul>
 * A trailing slash is ignored, as Jersey's matching will ignore it, and so are a segment's matrix parameters
 * ({@code /topics;x=1/t} is routed as {@code /topics/t}); a path with an empty segment matches no resource and is
 * not counted. {@code HEAD} counts as the {@code GET} that Jersey runs for it.
 */
final class QuotaRoutes {
  private QuotaRoutes() {}

  /** {@return the kind of traffic of a request, or null when quotas do not count it} */
  static @Nullable QuotaKind kindOf(String method, @Nullable String rawPath) {
    if (rawPath == null) {
      return null;
    }
    String[] segments = segments(rawPath);
    if (segments == null) {
      return null;
    }
    if ("POST".equals(method) && "topics".equals(segments[0])
        && (segments.length == 2 || segments.length == 4 && "partitions".equals(segments[2]))) {
      return QuotaKind.PRODUCE;
    }
    if ("POST".equals(method) && segments.length == 4 && "v1".equals(segments[0])
        && "producer".equals(segments[1]) && "topics".equals(segments[2])) {
      return QuotaKind.PRODUCE;
    }
    if (("GET".equals(method) || "HEAD".equals(method)) && isRead(segments)) {
      return QuotaKind.CONSUME;
    }
    return null;
  }

  private static boolean isRead(String[] segments) {
    boolean instance = segments.length >= 4 && "consumers".equals(segments[0]) && "instances".equals(segments[2]);
    if (instance && segments.length == 5 && "records".equals(segments[4])
        || instance && segments.length == 6 && "topics".equals(segments[4])) {
      return true;
    }
    if (segments.length == 5 && "topics".equals(segments[0]) && "partitions".equals(segments[2])
        && ("records".equals(segments[4]) || "messages".equals(segments[4]))) {
      return true;
    }
    return segments.length == 8 && "v1".equals(segments[0]) && "consumer".equals(segments[1])
        && "topics".equals(segments[2]) && "partitions".equals(segments[4]) && "offsets".equals(segments[6]);
  }

  /**
   * {@return the path's segments without the leading and trailing slashes and without matrix parameters, or null
   *     when one is empty}
   */
  private static String @Nullable [] segments(String rawPath) {
    int start = rawPath.startsWith("/") ? 1 : 0;
    int end = rawPath.length();
    while (end > start && rawPath.charAt(end - 1) == '/') {
      end--;
    }
    if (end <= start) {
      return null;
    }
    String[] segments = rawPath.substring(start, end).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      int matrix = segments[i].indexOf(';');
      segments[i] = matrix < 0 ? segments[i] : segments[i].substring(0, matrix);
      if (segments[i].isEmpty()) {
        return null;
      }
    }
    return segments;
  }
}
