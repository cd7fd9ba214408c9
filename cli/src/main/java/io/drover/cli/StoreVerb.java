package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every verb that works on the store shares: the ZooKeeper options and the {@link CliContext}
 * of the {@code drover} command it runs under.
 */
abstract class StoreVerb implements Callable<Integer> {

  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ZkOptions zk;

  /** The streams, environment and clock this run uses. */
  final CliContext context() {
    return main.context();
  }

  /** This verb's command line, for usage errors. */
  final CommandLine commandLine() {
    return spec.commandLine();
  }

  /** Connects to the store described by the options and the environment. */
  final StoreSession openStore() throws StoreException {
    return StoreSession.open(zk.settings(context().env()));
  }
}
