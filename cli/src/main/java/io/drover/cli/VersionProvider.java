package io.drover.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the build recorded, so {@code drover --version} matches the build. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = BuildInfo.load().version();
    return new String[] {"drover " + (v == null ? "(development build)" : v)};
  }
}
