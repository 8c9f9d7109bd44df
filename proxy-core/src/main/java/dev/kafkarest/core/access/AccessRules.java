package dev.kafkarest.core.access;

import dev.kafkarest.core.access.AccessRule.Subject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A fixed set of allow and deny rules: a request is permitted when some allow rule matches it and no deny
 * rule does. Anything no rule allows is denied.
 *
 * <p>Rules are read from lines of the form {@code <allow|deny> <who> <operations> <resource>} (see
 * docs/security.md): {@code who} is {@code user:NAME}, {@code user:*}, {@code group:NAME} or {@code
 * anonymous}; {@code operations} is a comma-separated list of {@link Operation} names, or {@code all};
 * {@code resource} is {@code topic:NAME}, {@code consumer-group:NAME} or {@code cluster}, where a name
 * ending in {@code *} is a prefix. Blank lines and lines starting with {@code #} are ignored.
 */
public final class AccessRules implements AccessPolicy {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final String OPERATION_NAMES = Arrays.stream(Operation.values())
      .map(Operation::ruleName).collect(Collectors.joining(", "));

  private final List<AccessRule> allows;
  private final List<AccessRule> denies;

  private AccessRules(List<AccessRule> rules) {
    this.allows = rules.stream().filter(AccessRule::allow).toList();
    this.denies = rules.stream().filter(rule -> !rule.allow()).toList();
  }

  /**
   * Reads the rules in {@code file} (UTF-8).
   *
   * @throws AccessRulesException when the file cannot be read or a line is not a rule
   */
  public static AccessRules load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AccessRulesException(file.toString(), 0, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
    return parse(file.toString(), lines);
  }

  /**
   * Parses rules; {@code source} names them in errors.
   *
   * @throws AccessRulesException naming the first line that is not a rule
   */
  public static AccessRules parse(String source, List<String> lines) {
    List<AccessRule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        rules.add(rule(line));
      } catch (IllegalArgumentException e) {
        throw new AccessRulesException(source, i + 1, e.getMessage(), null);
      }
    }
    return new AccessRules(rules);
  }

  /** {@return how many rules there are} */
  public int size() {
    return allows.size() + denies.size();
  }

  @Override
  public boolean permits(Identity identity, Operation operation, ResourceType type, String name) {
    return anyMatches(allows, identity, operation, type, name) && !anyMatches(denies, identity, operation, type, name);
  }

  /**
   * {@inheritDoc} True when an allow rule covers every name of the type ({@code topic:*}) and no deny rule
   * names any resource of the type for this identity and operation.
   */
  @Override
  public boolean permitsEvery(Identity identity, Operation operation, ResourceType type) {
    return allows.stream().anyMatch(rule -> rule.matchesEvery(identity, operation, type))
        && denies.stream().noneMatch(rule -> rule.matchesSome(identity, operation, type));
  }

  private static boolean anyMatches(List<AccessRule> rules, Identity identity, Operation operation,
      ResourceType type, String name) {
    for (AccessRule rule : rules) {
      if (rule.matches(identity, operation, type, name)) {
        return true;
      }
    }
    return false;
  }

  private static AccessRule rule(String line) {
    String[] fields = WHITESPACE.split(line);
    if (fields.length != 4) {
      throw new IllegalArgumentException("expected 4 fields '<allow|deny> <who> <operations> <resource>', found "
          + fields.length);
    }
    boolean allow = switch (fields[0].toLowerCase(Locale.ROOT)) {
      case "allow" -> true;
      case "deny" -> false;
      default -> throw new IllegalArgumentException("a rule starts with 'allow' or 'deny', not '" + fields[0] + "'");
    };
    Subject subject = subject(fields[1]);
    Set<Operation> operations = operations(fields[2]);
    String resource = fields[3];
    if (resource.equalsIgnoreCase("cluster")) {
      return new AccessRule(allow, subject, operations, ResourceType.CLUSTER, "", true);
    }
    int colon = resource.indexOf(':');
    String kind = colon < 0 ? "" : resource.substring(0, colon).toLowerCase(Locale.ROOT);
    ResourceType type = switch (kind) {
      case "topic" -> ResourceType.TOPIC;
      case "consumer-group" -> ResourceType.CONSUMER_GROUP;
      default -> throw new IllegalArgumentException(
          "a resource is 'topic:NAME', 'consumer-group:NAME' or 'cluster', not '" + resource + "'");
    };
    String pattern = name(resource.substring(colon + 1), "resource");
    boolean prefix = pattern.endsWith("*");
    if (prefix) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    if (pattern.contains("*")) {
      throw new IllegalArgumentException("'*' may only end a resource name: '" + resource + "'");
    }
    return new AccessRule(allow, subject, operations, type, pattern, prefix);
  }

  private static Subject subject(String field) {
    if (field.equalsIgnoreCase("anonymous")) {
      return new Subject(Subject.Kind.ANONYMOUS, "");
    }
    int colon = field.indexOf(':');
    String kind = colon < 0 ? "" : field.substring(0, colon).toLowerCase(Locale.ROOT);
    String name = field.substring(colon + 1);
    return switch (kind) {
      case "user" -> name.equals("*")
          ? new Subject(Subject.Kind.ANY_USER, "")
          : new Subject(Subject.Kind.USER, name(name, "user"));
      case "group" -> new Subject(Subject.Kind.GROUP, name(name, "group"));
      default -> throw new IllegalArgumentException(
          "who is 'user:NAME', 'user:*', 'group:NAME' or 'anonymous', not '" + field + "'");
    };
  }

  private static Set<Operation> operations(String field) {
    if (field.equalsIgnoreCase("all")) {
      return EnumSet.allOf(Operation.class);
    }
    Set<Operation> operations = EnumSet.noneOf(Operation.class);
    for (String name : field.split(",", -1)) {
      Operation operation = Operation.fromName(name);
      if (operation == null) {
        throw new IllegalArgumentException("unknown operation '" + name + "' (expected " + OPERATION_NAMES
            + " or all, separated by commas)");
      }
      operations.add(operation);
    }
    return operations;
  }

  private static String name(String name, String what) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the " + what + " name is missing");
    }
    return name;
  }
}
