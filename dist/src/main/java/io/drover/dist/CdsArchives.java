package io.drover.dist;

import io.drover.local.EmbeddedZooKeeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes the class-data-sharing archive of each jar at package time: {@code JAR} gets {@code
 * JAR-without-.jar.jsa} next to it, which {@code ./drover} passes to the JVM (parsed and verified
 * classes mapped from the archive instead of loaded from the jar: the largest part of a short
 * command's start-up). Each archive comes from a training run of the jar itself ({@code
 * io.drover.cli.CdsTraining}, every everyday verb in one JVM; the jars' runs side by side) against
 * a ZooKeeper this process runs, with the JVM flags {@code ./drover} gives short commands, which
 * lists the classes it loads; a second JVM dumps a static archive of those classes. A static
 * archive rather than a dynamic one ({@code -XX:ArchiveClassesAtExit}): JDK 17 leaves classes of
 * the old class-file format (picocli's, Java 5) and half the method-handle classes out of a dynamic
 * archive, and loading those cost every command about 0.07 CPU-seconds. The archive is written to a temporary
 * file and moved into place only when both runs succeeded, so a half-written archive is never
 * there to be used (the JVM does not survive a truncated one).
 *
 * <p>Usage: {@code CdsArchives JAR...}; run by the dist module's build unless {@code
 * -Ddrover.cds.skip=true}. A missing jar is skipped with a line (building only part of the
 * project); a failed training fails the build.
 */
public final class CdsArchives {

  /** The flags {@code ./drover} gives a short command (see the launcher): the archive's own. */
  static final List<String> CLI_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static final long TRAINING_TIMEOUT_MINUTES = 5;

  private CdsArchives() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: CdsArchives JAR...");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("drover-cds");
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(work.resolve("zk"), 0)) {
      // The trainings run side by side (each is mostly one thread), each in a chroot of its own:
      // the training expects an empty store.
      List<Training> trainings = new ArrayList<>();
      for (String jar : args) {
        Path path = Path.of(jar).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
          System.out.println("CDS archive: " + path + " not built, skipped");
          continue;
        }
        trainings.add(Training.start(path, zk.connectString() + "/cds-" + trainings.size(), work));
      }
      try {
        for (Training t : trainings) {
          t.finish();
        }
      } finally {
        trainings.forEach(t -> t.process().destroyForcibly());
      }
    } finally {
      deleteTree(work);
    }
  }

  /** The archive file {@code ./drover} looks for next to {@code jar}. */
  static Path archiveOf(Path jar) {
    String name = jar.getFileName().toString();
    return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
  }

  /**
   * One jar's training run, started; {@link #finish} waits for it, dumps the archive of the classes
   * it listed and puts the archive in place.
   */
  private record Training(Path jar, Path classList, Path partial, Path log, Process process,
      long startNanos) {

    static Training start(Path jar, String zk, Path work) throws IOException {
      Path target = archiveOf(jar);
      // Beside the target, so that the final move is a rename within one file system.
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      Path classList = work.resolve(target.getFileName() + ".classlist");
      Path log = work.resolve(target.getFileName() + ".log");
      Files.deleteIfExists(target);
      Files.deleteIfExists(partial);
      List<String> command = java();
      command.addAll(List.of("-XX:DumpLoadedClassList=" + classList, "-cp", jar.toString(),
          "io.drover.cli.CdsTraining"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("DROVER_ZK", zk);
      builder.environment().remove("DROVER_ROOT");
      return new Training(jar, classList, partial, log, builder.start(), System.nanoTime());
    }

    void finish() throws Exception {
      awaitSuccess(process, "CDS training");
      if (!Files.isRegularFile(classList)) {
        throw new IllegalStateException("CDS training of " + jar + " listed no classes: "
            + Files.readString(log));
      }
      // The class path exactly as ./drover's "java -jar JAR" gives it: an absolute path.
      List<String> dump = java();
      dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
          "-XX:SharedArchiveFile=" + partial, "-cp", jar.toString()));
      Process dumping = new ProcessBuilder(dump).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      awaitSuccess(dumping, "CDS dump");
      if (!Files.isRegularFile(partial)) {
        throw new IllegalStateException("CDS dump of " + jar + " wrote no archive: "
            + Files.readString(log));
      }
      Path target = archiveOf(jar);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf("CDS archive: %s (%.1f MB, %.1f s)%n", target, Files.size(target) / 1e6,
          (System.nanoTime() - startNanos) / 1e9);
    }

    private void awaitSuccess(Process p, String what) throws Exception {
      if (!p.waitFor(TRAINING_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(what + " of " + jar + " did not end within "
            + TRAINING_TIMEOUT_MINUTES + " minutes: " + Files.readString(log));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(what + " of " + jar + " failed (exit " + p.exitValue()
            + "): " + Files.readString(log));
      }
    }

    /** This JVM's java with the flags {@code ./drover} gives a short command. */
    private static List<String> java() {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(CLI_FLAGS);
      return command;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
