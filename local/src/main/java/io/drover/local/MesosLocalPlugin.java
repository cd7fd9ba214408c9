package io.drover.local;

import io.drover.cli.CliContext;
import io.drover.cli.CommandPlugin;

/** Adds {@code drover mesos-local} to the command (registered in {@code META-INF/services}). */
public final class MesosLocalPlugin implements CommandPlugin {

  @Override
  public Object command(CliContext context) {
    return new MesosLocalCommand();
  }
}
