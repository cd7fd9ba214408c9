package io.drover.chaos;

import io.drover.cli.CliContext;
import io.drover.cli.CommandPlugin;

/** Adds {@code drover chaos} to the command (registered in {@code META-INF/services}). */
public final class ChaosPlugin implements CommandPlugin {

  @Override
  public Object command(CliContext context) {
    return new ChaosCommand();
  }
}
