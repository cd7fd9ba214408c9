package io.drover.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drover bench <scenario>|all [--quick] [--out FILE]}: runs benchmark scenarios against an
 * embedded ZooKeeper (and mesos-local where a scenario needs Mesos), prints a table on standard
 * output and, with {@code --out}, writes the JSON report ({@link ReportJson}). Progress goes to
 * standard error. A scenario that fails is reported as failed and the others still run.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure Drover's latencies, throughput and recovery on this machine, against an embedded "
          + "ZooKeeper (and mesos-local), and print a report."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every scenario ran (whether or not it met its targets)",
      "2:usage error (unknown scenario, bad option)",
      "3:a scenario failed, or the report could not be written"
    })
final class BenchCommand implements Callable<Integer> {
  private static final int FAILED = 3;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      completionCandidates = Scenarios.Names.class,
      description = "The scenario to run: ${COMPLETION-CANDIDATES}.")
  private String scenario;

  @Option(
      names = "--quick",
      description = "Small sizes: every scenario in a minute or so, for a smoke test.")
  private boolean quick;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Also write the report as JSON to FILE.")
  private Path out;

  @Option(
      names = "--verbose",
      description = "Show the logs of the servers the scenarios run in this process (ZooKeeper, "
          + "mesos-local, controllers); they are off by default.")
  private boolean verbose;

  @Override
  public Integer call() throws IOException {
    List<Scenario> selected = Scenarios.select(scenario, quick);
    if (selected.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "unknown scenario '" + scenario
          + "': choose one of " + String.join(", ", new Scenarios.Names()));
    }
    if (!verbose) {
      BenchLogging.quiet();
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path work = Files.createTempDirectory("drover-bench-");
    List<ReportEntry> entries = new ArrayList<>();
    BenchRun run = new BenchRun(quick, stderr, work);
    for (Scenario s : selected) {
      entries.add(runOne(s, run, stderr));
    }
    boolean failed = entries.stream().anyMatch(e -> !e.result().ok());
    if (failed) {
      stderr.println("scratch directory kept for inspection (logs of failed scenarios): " + work);
    } else {
      deleteTree(work);
    }
    ReportTable.print(entries, stdout);
    if (out != null) {
      try {
        ReportJson.write(entries, out);
        stderr.println("report written to " + out);
      } catch (IOException e) {
        stderr.println("error: cannot write the report to " + out + ": " + e.getMessage()
            + "; check the path and its permissions");
        return FAILED;
      }
    }
    return failed ? FAILED : 0;
  }

  private static ReportEntry runOne(Scenario s, BenchRun run, PrintWriter stderr) {
    Machine machine = Machine.current();
    Instant started = Instant.now();
    ScenarioResult result;
    try {
      result = s.run(run);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = ScenarioResult.failed(s.name(), s.configuration(), "interrupted");
    } catch (Exception e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
      stderr.println(s.name() + ": failed: " + why);
      if (e instanceof RuntimeException) {
        e.printStackTrace(stderr);
      }
      result = ScenarioResult.failed(s.name(), s.configuration(), why);
    }
    run.record(result);
    return new ReportEntry(result, machine, started);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
