package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.util.List;
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

  /**
   * Starts connecting to the store described by the options and the environment, for a command
   * with other work to do meanwhile ({@link StoreSession#connecting}).
   */
  final StoreSession connectStore() {
    return StoreSession.connecting(zk.settings(context().env()));
  }

  /**
   * Reads the services {@code names} (every service when empty) and reports each that does not
   * exist.
   */
  final ServiceViews.Found findServices(List<String> names) throws StoreException {
    ServiceViews.Found found;
    try (StoreSession session = openStore()) {
      found = ServiceViews.find(session, names);
    }
    found.missing().forEach(this::reportNotFound);
    return found;
  }

  /** Waits on {@code session}, showing progress on standard error only on a terminal. */
  final ServiceWaiter waiter(StoreSession session) {
    return new ServiceWaiter(session, context().clock(),
        context().interactive() ? context().err() : null);
  }
}
