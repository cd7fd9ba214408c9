package io.drover.controller.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a process gets a secret: a file named on the command line ({@code --mesos-secret-file}),
 * else a file named by the environment ({@code DROVER_MESOS_SECRET_FILE}), else the value itself
 * in the environment ({@code DROVER_MESOS_SECRET}). Never from a command-line value, which every
 * user of the host can see in the process list.
 *
 * <p>Files suit systemd credentials ({@code LoadCredential=}) and secret volumes; trailing line
 * breaks and spaces are dropped, since editors add them. Errors name the file and never the
 * content.
 */
public final class SecretSource {
  private static final Logger LOG = LoggerFactory.getLogger(SecretSource.class);
  private static final String FILE_SUFFIX = "_FILE";

  private SecretSource() {}

  /**
   * The secret, or empty when none of the three places is set.
   *
   * @param what for messages, e.g. {@code the Mesos secret}
   * @param fileOption the file given on the command line, or null
   * @param envName the variable holding the value; {@code envName + "_FILE"} names a file
   * @throws IllegalArgumentException when a named file cannot be read or is empty
   */
  public static Optional<Secret> read(
      String what, Path fileOption, String envName, Map<String, String> env) {
    if (fileOption != null) {
      return Optional.of(fromFile(what, fileOption));
    }
    String fileVar = env.get(envName + FILE_SUFFIX);
    if (fileVar != null && !fileVar.isBlank()) {
      return Optional.of(fromFile(what, Path.of(fileVar)));
    }
    String value = env.get(envName);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Secret.of(value));
  }

  private static Secret fromFile(String what, Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + what + " from " + file
          + ": no such file");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("cannot read " + what + " from " + file
          + ": permission denied (the file must be readable by the user Drover runs as)");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + what + " from " + file + ": "
          + e.getClass().getSimpleName());
    }
    if (content.isEmpty()) {
      throw new IllegalArgumentException(what + " file " + file + " is empty");
    }
    warnIfOthersMayRead(what, file);
    return Secret.of(content);
  }

  private static void warnIfOthersMayRead(String what, Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warn("{} file {} is readable by every user of this host: chmod 600 it", what, file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // No POSIX permissions to judge (another file system): nothing to warn about.
    }
  }
}
