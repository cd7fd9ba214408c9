package io.drover.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar's manifest, so {@code drover --version} matches the build. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"drover " + (v == null ? "(development build)" : v)};
  }
}
