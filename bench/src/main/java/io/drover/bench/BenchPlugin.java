package io.drover.bench;

import io.drover.cli.CliContext;
import io.drover.cli.CommandPlugin;

/** Adds {@code drover bench} to the command (registered in {@code META-INF/services}). */
public final class BenchPlugin implements CommandPlugin {

  @Override
  public Object command(CliContext context) {
    return new BenchCommand();
  }
}
