package io.drover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the build recorded about itself in {@code io/drover/cli/build.properties} (module cli's
 * pom writes it): the version, and the git commit when it was built from a checkout.
 */
record BuildInfo(String version, String commit) {

  private static final String RESOURCE = "build.properties";

  /** The recorded values; a part the build did not record is null. */
  static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Reported as unknown: the command still works without it.
    }
    String version = blankToNull(p.getProperty("version"));
    if (version == null) {
      version = Main.class.getPackage().getImplementationVersion();
    }
    return new BuildInfo(version, blankToNull(p.getProperty("commit")));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
