package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover get services | service NAME...}: lists services with their state. */
@Command(
    name = "get",
    description = {
      "Show services: 'get services', 'get service NAME...' or 'get service/NAME'.",
      "The table shows NAME, GENERATION (the desired document's version), OBSERVED (the "
          + "generation the controller last acted on), PHASE, READY (ready/desired long-running "
          + "tasks) and AGE; -o wide adds PLAN (the rollout plan), HOSTS (where tasks run) and "
          + "MESSAGE (what holds the service up). -o yaml|json prints each desired document, "
          + "with defaults applied, and its status together; that output applies again."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:a named service does not exist",
      ExitCodes.USAGE_LINE,
      ExitCodes.OPERATIONAL_LINE
    })
final class GetCommand extends StoreVerb {

  /** Output formats. */
  enum Format { table, wide, yaml, json, name }

  @Parameters(paramLabel = "RESOURCE", arity = "1..*",
      description = "services, service NAME..., or service/NAME...")
  private List<String> resources;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default), wide (adds PLAN, HOSTS and MESSAGE), yaml, json or name.")
  private Format format;

  @Override
  public Integer call() throws StoreException {
    List<String> names = ResourceArgs.names(commandLine(), resources);
    if (format == Format.name && names.isEmpty()) {
      // Names are all it prints: the node listings say which services exist, nothing is decoded.
      try (StoreSession session = openStore()) {
        session.serviceNames().forEach(n -> context().out().println("service/" + n));
      }
      return ExitCodes.OK;
    }
    if ((format == Format.table || format == Format.wide) && names.isEmpty()) {
      // The table of every service decodes only the documents whose statuses do not vouch for them.
      List<ServiceRow> rows;
      try (StoreSession session = openStore()) {
        rows = ServiceRows.all(session, format == Format.wide);
      }
      print(rows, names);
      return ExitCodes.OK;
    }
    ServiceViews.Found found = findServices(names);
    if (format == Format.table || format == Format.wide) {
      print(found.views().stream().map(ServiceView::row).toList(), names);
    } else {
      render(found.views(), names);
    }
    return found.missing().isEmpty() ? ExitCodes.OK : ExitCodes.NEGATIVE;
  }

  /** Prints {@code -o yaml|json|name}. */
  private void render(List<ServiceView> views, List<String> names) {
    boolean single = names.size() == 1;
    if (format == Format.name) {
      views.forEach(v -> context().out().println("service/" + v.name()));
    } else if (!views.isEmpty() || !single) {
      context().out().print(ServiceObjects.render(views, !single, format == Format.yaml));
    }
  }

  /** Prints the table, or {@code -o wide}'s. */
  private void print(List<ServiceRow> rows, List<String> names) {
    if (rows.isEmpty() && names.isEmpty()) {
      context().err().println("No services found.");
    } else if (!rows.isEmpty()) {
      table(rows, format == Format.wide);
    }
  }

  private void table(List<ServiceRow> views, boolean wide) {
    Instant now = context().clock().instant();
    List<String> header = new ArrayList<>(
        List.of("NAME", "GENERATION", "OBSERVED", "PHASE", "READY", "AGE"));
    if (wide) {
      header.addAll(List.of(WideColumns.HEADER));
    }
    Table table = new Table(header.toArray(String[]::new));
    for (ServiceRow v : views) {
      List<String> cells = new ArrayList<>(List.of(v.name(), v.generation(), v.observed(),
          v.phase(), v.ready(), Ages.of(v.created(), now)));
      if (wide) {
        cells.addAll(List.of(WideColumns.of(v)));
      }
      table.row(cells.toArray(String[]::new));
    }
    table.print(context().out(), "");
  }
}
