package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
          + "tasks) and AGE. -o yaml|json prints each desired document, with defaults applied, "
          + "and its status together."
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
  enum Format { table, yaml, json, name }

  @Parameters(paramLabel = "RESOURCE", arity = "1..*",
      description = "services, service NAME..., or service/NAME...")
  private List<String> resources;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default), yaml, json or name.")
  private Format format;

  @Override
  public Integer call() throws StoreException {
    List<String> names = ResourceArgs.names(commandLine(), resources);
    List<ServiceView> views = new ArrayList<>();
    int status = ExitCodes.OK;
    try (StoreSession session = openStore()) {
      if (names.isEmpty()) {
        views.addAll(ServiceViews.all(session));
      }
      for (String name : names) {
        Optional<ServiceView> view = ServiceViews.one(session, name);
        if (view.isPresent()) {
          views.add(view.get());
        } else {
          context().err().println("error: service/" + name + " not found");
          status = ExitCodes.NEGATIVE;
        }
      }
    }
    print(views, names);
    return status;
  }

  private void print(List<ServiceView> views, List<String> names) {
    boolean single = names.size() == 1;
    switch (format) {
      case yaml, json -> {
        if (!views.isEmpty() || !single) {
          context().out().print(ServiceObjects.render(views, !single, format == Format.yaml));
        }
      }
      case name -> views.forEach(v -> context().out().println("service/" + v.name()));
      case table -> {
        if (views.isEmpty() && names.isEmpty()) {
          context().err().println("No services found.");
        } else if (!views.isEmpty()) {
          table(views);
        }
      }
    }
  }

  private void table(List<ServiceView> views) {
    Instant now = context().clock().instant();
    Table table = new Table("NAME", "GENERATION", "OBSERVED", "PHASE", "READY", "AGE");
    for (ServiceView v : views) {
      table.row(v.name(), v.generation(), v.observed(), v.phase(), v.ready(),
          Ages.of(v.created(), now));
    }
    table.print(context().out(), "");
  }
}
