package dev.kafkarest.server.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.ResourceModel;
import org.glassfish.jersey.uri.PathTemplate;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * The path templates of the application, as metric labels and log fields: the template Jersey matched, or
 * for a request answered before matching (401, 413, 429 from a filter) the template its path would match,
 * or {@link Exchange#UNMATCHED}. Never a raw path, so the set of values is bounded by the application.
 * Where Jersey matched a catch-all ({@code {below: .+}}, as for a call forwarded to another node), the more
 * specific template the path matches is used, so forwarded calls are told apart as their owner tells them.
 * Thread-safe.
 */
final class PathTemplates {
  private static final Pattern PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}");
  private static final Pattern SLASHES = Pattern.compile("/{2,}");
  /** A parameter that takes any rest of the path: {@code {below: .+}}. */
  private static final Pattern CATCH_ALL = Pattern.compile("\\{\\s*[^}:\\s]+\\s*:\\s*\\.[+*]\\s*}");
  private static final int MAX_DEPTH = 10;

  private final List<Candidate> candidates;
  /** Templates already built from Jersey's matches; bounded by the application's resource methods. */
  private final Map<List<UriTemplate>, String> matched = new ConcurrentHashMap<>();

  private PathTemplates(List<Candidate> candidates) {
    this.candidates = candidates;
  }

  /** {@return the templates of every resource in the model, sub-resources included} */
  static PathTemplates of(ResourceModel model) {
    List<String> templates = new ArrayList<>();
    for (Resource resource : model.getRootResources()) {
      collect(resource, "", templates, 0);
    }
    return of(templates);
  }

  /** {@return templates from their texts, such as {@code /topics/{topic}}} */
  static PathTemplates of(List<String> templates) {
    List<Candidate> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String template : templates) {
      String text = normalize(template);
      if (seen.add(text)) {
        candidates.add(new Candidate(text, new PathTemplate(text), CATCH_ALL.matcher(template).find()));
      }
    }
    // Jersey's own order: more literal characters first, so /positions/end wins over a parameter.
    candidates.sort(Comparator.comparing(Candidate::template, UriTemplate.COMPARATOR));
    return new PathTemplates(List.copyOf(candidates));
  }

  /**
   * {@return the template of a request: from the templates Jersey matched (innermost first), else the
   *     first known template that matches the raw path, else {@link Exchange#UNMATCHED}}
   */
  String template(List<UriTemplate> matchedTemplates, String rawPath) {
    if (!matchedTemplates.isEmpty()) {
      String known = matched.get(matchedTemplates);
      if (known == null) {
        known = matched.computeIfAbsent(List.copyOf(matchedTemplates), PathTemplates::join);
      }
      if (!CATCH_ALL.matcher(matchedTemplates.get(0).getTemplate()).find()) {
        return known;
      }
      String specific = firstMatch(rawPath);
      return specific.equals(Exchange.UNMATCHED) ? known : specific;
    }
    return firstMatch(rawPath);
  }

  /** {@return the first template, catch-alls aside, that the raw path matches, or {@link Exchange#UNMATCHED}} */
  private String firstMatch(String rawPath) {
    String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    for (Candidate candidate : candidates) {
      if (!candidate.catchAll() && candidate.template().match(path, new ArrayList<>())) {
        return candidate.text();
      }
    }
    return Exchange.UNMATCHED;
  }

  private static String join(List<UriTemplate> innermostFirst) {
    StringBuilder path = new StringBuilder();
    for (int i = innermostFirst.size() - 1; i >= 0; i--) {
      path.append('/').append(innermostFirst.get(i).getTemplate());
    }
    return normalize(path.toString());
  }

  private static void collect(Resource resource, String parent, List<String> out, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    String path = parent + "/" + (resource.getPath() == null ? "" : resource.getPath());
    if (!resource.getResourceMethods().isEmpty()) {
      out.add(path);
    }
    ResourceMethod locator = resource.getResourceLocator();
    if (locator != null) {
      Resource located = Resource.from(locator.getInvocable().getRawResponseType());
      if (located != null) {
        collect(located, path, out, depth + 1);
      }
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, out, depth + 1);
    }
  }

  /** Collapses slashes, drops a trailing one and the regular expressions of parameters. */
  static String normalize(String template) {
    String path = SLASHES.matcher(PARAMETER.matcher(template).replaceAll("{$1}")).replaceAll("/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private record Candidate(String text, PathTemplate template, boolean catchAll) {}
}
