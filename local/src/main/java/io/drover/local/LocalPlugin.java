package io.drover.local;

import io.drover.cli.CliContext;
import io.drover.cli.CommandPlugin;

/** Adds {@code drover local} to the command (registered in {@code META-INF/services}). */
public final class LocalPlugin implements CommandPlugin {

  @Override
  public Object command(CliContext context) {
    return new LocalCommand(context);
  }
}
