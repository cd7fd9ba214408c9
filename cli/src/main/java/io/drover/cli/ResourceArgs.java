package io.drover.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Reads kubectl-style resource arguments: {@code services}, {@code service NAME...} or
 * {@code service/NAME...} ({@code svc} works too).
 */
final class ResourceArgs {

  private static final Set<String> TYPES = Set.of("service", "services", "svc");

  private ResourceArgs() {}

  /** The names given; empty means every service. */
  static List<String> names(CommandLine cli, List<String> args) {
    if (args == null || args.isEmpty()) {
      throw new ParameterException(cli, "say which services: 'services', 'service NAME...' "
          + "or 'service/NAME...'");
    }
    List<String> names = new ArrayList<>();
    int start = 0;
    if (TYPES.contains(args.get(0))) {
      start = 1;
    }
    for (String arg : args.subList(start, args.size())) {
      int slash = arg.indexOf('/');
      if (slash >= 0 && TYPES.contains(arg.substring(0, slash)) && slash < arg.length() - 1) {
        names.add(arg.substring(slash + 1));
      } else if (start == 1 && slash < 0 && !arg.isEmpty()) {
        names.add(arg);
      } else {
        throw new ParameterException(cli, "unknown resource '" + arg
            + "': Drover knows one resource type, service (write 'service NAME' or "
            + "'service/NAME')");
      }
    }
    return names;
  }

  /** Exactly one name. */
  static String single(CommandLine cli, List<String> args) {
    List<String> names = names(cli, args);
    if (names.size() != 1) {
      throw new ParameterException(cli, "give exactly one service: 'service NAME'");
    }
    return names.get(0);
  }
}
