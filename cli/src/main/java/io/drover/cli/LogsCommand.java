package io.drover.cli;

import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.sandbox.SandboxException;
import io.drover.controller.sandbox.TaskSandbox;
import io.drover.controller.store.StoreException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code drover logs service/NAME [--pod P] [--task T] [--stderr] [--tail N] [-f]}: a task's output
 * from its sandbox, through the Mesos master and the agent's files API.
 */
@Command(
    name = "logs",
    description = {
      "Print a task's standard output (or --stderr) from its sandbox on its Mesos agent. The task "
          + "comes from the service's status (--pod and --task choose one when it has several); its "
          + "agent from the Mesos master (--master or $" + ControllerCommand.ENV_MASTER + "); the "
          + "sandbox from the agent, which also keeps finished tasks' sandboxes for a while.",
      "With -f, keeps printing what the task writes until it ends (or Ctrl-C)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:no such service, pod or task, or its sandbox or file is gone",
      "2:usage error (unknown option, bad value, no master, several tasks match)",
      "3:operational error (ZooKeeper, the Mesos master or the agent unreachable)"
    })
final class LogsCommand extends StoreVerb {

  private static final Duration POLL = Duration.ofSeconds(1);

  @Parameters(paramLabel = "RESOURCE", arity = "1..2", description = "service/NAME, or service NAME")
  private List<String> resources;

  @Option(names = "--pod", paramLabel = "POD", description = "The pod instance, e.g. web-0.")
  private String pod;

  @Option(names = "--task", paramLabel = "TASK", description = "The task of the pod, e.g. server.")
  private String task;

  @Option(names = "--stderr", description = "Print standard error instead of standard output.")
  private boolean stderr;

  @Option(names = "--tail", paramLabel = "N", defaultValue = "-1",
      description = "Print only the last N lines (default: all).")
  private int tail;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the task ends.")
  private boolean follow;

  @Option(names = "--master", paramLabel = "URL",
      description = "Mesos master(s): http://host:5050[,host:5050...] or zk://host:2181/mesos "
          + "(default: $" + ControllerCommand.ENV_MASTER + ", as for drover controller).")
  private String master;

  @Override
  public Integer call() throws StoreException, InterruptedException {
    List<String> names = ResourceArgs.names(commandLine(), resources);
    if (names.size() != 1) {
      throw new ParameterException(commandLine(), "name one service: 'service/NAME' or 'service NAME'");
    }
    if (tail < -1) {
      throw new ParameterException(commandLine(), "--tail must be 0 or more, not " + tail);
    }
    String masterUrl = master != null ? master : context().env().get(ControllerCommand.ENV_MASTER);
    if (masterUrl == null || masterUrl.isBlank()) {
      throw new ParameterException(commandLine(), "no Mesos master: pass --master http://host:5050 (or "
          + "zk://host:2181/mesos) or set " + ControllerCommand.ENV_MASTER);
    }
    String name = names.get(0);
    ServiceViews.Found found = findServices(names);
    if (!found.missing().isEmpty()) {
      return ExitCodes.NEGATIVE;
    }
    ServiceStatus status = found.views().get(0).serviceStatus();
    try {
      TaskRow row = TaskChoice.pick(name, status == null ? null : status.tasks(), pod, task);
      if (row.agentId() == null || row.taskId() == null) {
        throw new LogsFailure(ExitCodes.NEGATIVE, "task " + row.name() + " of service/" + name
            + " has not been launched on an agent yet (" + row.state() + ")");
      }
      TaskSandbox sandbox = TaskSandbox.find(masterUrl, row.taskId(), row.agentId(), stderr ? "stderr" : "stdout");
      new LogPrinter(file(sandbox), context().out()).print(tail, follow, POLL, d -> Thread.sleep(d.toMillis()));
      return ExitCodes.OK;
    } catch (LogsFailure e) {
      context().err().println("error: " + e.getMessage());
      return e.exitCode();
    } catch (SandboxException e) {
      context().err().println("error: " + e.getMessage());
      return switch (e.kind()) {
        case GONE -> ExitCodes.NEGATIVE;
        case BAD_MASTER_URL -> ExitCodes.USAGE;
        case UNAVAILABLE -> ExitCodes.OPERATIONAL;
      };
    }
  }

  private static LogFile file(TaskSandbox sandbox) {
    return new LogFile() {
      @Override
      public long size() throws SandboxException, InterruptedException {
        return sandbox.size();
      }

      @Override
      public byte[] read(long offset, int length) throws SandboxException, InterruptedException {
        return sandbox.read(offset, length);
      }

      @Override
      public boolean ended() throws SandboxException, InterruptedException {
        return sandbox.ended();
      }
    };
  }
}
