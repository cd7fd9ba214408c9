package io.drover.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code drover version}: the build's version and git commit, and the Java that runs it. */
@Command(
    name = "version",
    description = "Print Drover's version, the git commit it was built from (when known) and the "
        + "Java runtime it runs on.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE})
final class VersionCommand implements Callable<Integer> {

  @ParentCommand
  private Main main;

  @Override
  public Integer call() {
    BuildInfo build = BuildInfo.load();
    PrintWriter out = main.context().out();
    out.println("Version: " + (build.version() == null ? "(development build)" : build.version()));
    out.println("Commit:  " + (build.commit() == null ? "(unknown)" : build.commit()));
    out.println("Java:    " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")");
    return ExitCodes.OK;
  }
}
