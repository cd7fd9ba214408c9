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

  /** Reports, kubectl style, that a named service has neither a document nor a status. */
  final void reportNotFound(String name) {
    context().err().println("error: service/" + name + " not found");
  }

  /** Connects to the store described by the options and the environment. */
  final StoreSession openStore() throws StoreException {
    return StoreSession.open(zk.settings(context().env()));
  }

  /** Waits on {@code session}, showing progress on standard error only on a terminal. */
  final ServiceWaiter waiter(StoreSession session) {
    return new ServiceWaiter(session, context().clock(),
        context().interactive() ? context().err() : null);
  }
}
