package io.drover.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drover completion bash|zsh}: prints a completion script for every verb and option, as
 * picocli's {@link AutoComplete} generates it (one script serves bash and zsh).
 */
@Command(
    name = "completion",
    description = {
      "Print a shell completion script for drover's verbs and options.",
      "bash: source <(drover completion bash)   (or save it under "
          + "/etc/bash_completion.d/drover)",
      "zsh:  source <(drover completion zsh)"
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE})
final class CompletionCommand implements Callable<Integer> {

  /** The shells the script works in. */
  enum Shell { bash, zsh }

  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  private Shell shell;

  @Override
  public Integer call() {
    // The script itself detects zsh and loads bashcompinit, so both shells get the same text.
    main.context().out().print(AutoComplete.bash("drover", spec.root().commandLine()));
    return ExitCodes.OK;
  }
}
