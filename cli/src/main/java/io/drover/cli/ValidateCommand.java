package io.drover.cli;

import io.drover.api.LoadedDocument;
import io.drover.api.Problem;
import io.drover.api.Services;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover validate -f PATH...}: checks Service documents offline, without ZooKeeper.
 *
 * <p>Prints {@code OK <file> service/<name>} for each valid document and {@code <file>: <problem>}
 * for each problem ({@code <file> (document N): <problem>} in files of several documents). Exit 0
 * when every document is valid, 1 when any is not (or a directory holds no documents), 2 when a
 * path cannot be read.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check Service documents (YAML or JSON) against the schema and the semantic rules, offline.",
      "Prints OK <file> service/<name> per valid document and <file>: <problem> per problem."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every document is valid",
      "1:some document is invalid",
      "2:a path cannot be read"
    })
public final class ValidateCommand implements Callable<Integer> {
  private static final String STDIN = "-";
  private static final String STDIN_NAME = "<stdin>";

  @Spec private CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Files, directories (their *.yaml, *.yml, *.json files) or - for standard input.")
  private List<String> paths = new ArrayList<>();

  @Option(
      names = {"-R", "--recursive"},
      description = "Also read the subdirectories of directories.")
  private boolean recursive;

  private final InputStream stdin;

  public ValidateCommand() {
    this(System.in);
  }

  ValidateCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = 0;
    for (String path : paths) {
      List<Source> sources;
      try {
        sources = expand(path);
      } catch (IOException e) {
        err.println("drover validate: " + path + ": cannot read: " + describe(e));
        exit = 2;
        continue;
      }
      if (sources.isEmpty()) {
        out.println(path + ": no *.yaml, *.yml or *.json files found");
        exit = Math.max(exit, 1);
      }
      for (Source s : sources) {
        if (!report(s, out)) {
          exit = Math.max(exit, 1);
        }
      }
    }
    out.flush();
    err.flush();
    return exit;
  }

  /** Prints the verdict on every document of one source; true when all are valid. */
  private static boolean report(Source source, PrintWriter out) {
    List<LoadedDocument> docs = Services.load(source.name(), source.content());
    boolean allValid = true;
    for (LoadedDocument d : docs) {
      if (d.valid()) {
        out.println("OK " + source.name() + " service/" + d.name());
        continue;
      }
      allValid = false;
      String prefix =
          docs.size() == 1
              ? source.name() + ": "
              : source.name() + " (document " + (d.index() + 1) + "): ";
      for (Problem p : d.problems()) {
        out.println(prefix + p);
      }
    }
    return allValid;
  }

  private List<Source> expand(String path) throws IOException {
    if (path.equals(STDIN)) {
      return List.of(new Source(STDIN_NAME, stdin.readAllBytes()));
    }
    Path p = Path.of(path);
    if (!Files.isDirectory(p)) {
      return List.of(new Source(path, Files.readAllBytes(p)));
    }
    List<Source> sources = new ArrayList<>();
    try (Stream<Path> files = recursive ? Files.walk(p) : Files.list(p)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(ValidateCommand::isDocument)
              .sorted()
              .toList()) {
        sources.add(new Source(f.toString(), Files.readAllBytes(f)));
      }
    }
    return sources;
  }

  private static boolean isDocument(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  private record Source(String name, byte[] content) {}
}
