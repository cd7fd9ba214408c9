package io.drover.cli;

/**
 * The exit codes every verb uses, and their lines for {@code --help}.
 *
 * <p>0 success; 1 a negative answer (an invalid document, a difference found, a timeout, a refusal);
 * 2 a usage error; 3 an operational error (ZooKeeper unreachable, a concurrent modification, access
 * refused). Public for the verbs of {@link CommandPlugin}s, which follow the same rules.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int NEGATIVE = 1;
  public static final int USAGE = 2;
  public static final int OPERATIONAL = 3;

  public static final String HEADING = "%nExit codes:%n";
  public static final String OK_LINE = "0:success";
  public static final String USAGE_LINE = "2:usage error (unknown option, bad value)";
  public static final String OPERATIONAL_LINE =
      "3:operational error (ZooKeeper unreachable, concurrent modification, access refused)";

  private ExitCodes() {}
}
