package io.drover.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How the tests start the CLI in a JVM of its own, as {@code ./drover} runs it from the jar. */
final class ChildJvm {

  private ChildJvm() {}

  /** This JVM's {@code java} launcher. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** This JVM's class path without the test classes (their logback-test.xml; the jar has none). */
  static String classPathWithoutTestClasses() {
    String separator = System.getProperty("path.separator");
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(separator)) {
      if (!entry.endsWith("test-classes")) {
        entries.add(entry);
      }
    }
    return String.join(separator, entries);
  }
}
