package io.drover.cli;

import io.drover.cli.DocumentSources.RawFile;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code -f PATH... [-R]} options of the verbs that act on documents from files ({@code apply},
 * {@code diff}), and the batch of documents they name.
 */
final class DocumentOptions {

  @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", paramLabel = "PATH",
      description = "A file, a directory (its .yaml, .yml and .json files) or - for standard "
          + "input.")
  private List<String> paths;

  @Option(names = {"-R", "--recursive"}, description = "Also read the subdirectories of "
      + "directories (hidden ones such as .git are skipped).")
  private boolean recursive;

  /** The paths as given, for messages. */
  List<String> paths() {
    return paths;
  }

  /** Every file the paths name, read but not parsed ({@link DocumentSources#files}). */
  List<RawFile> files(CliContext context) {
    return new DocumentSources(context).files(paths, recursive);
  }

  /**
   * Every document of {@code files}, checked, in order; a name used twice is a problem of the later
   * document (see {@link BatchCheck#withDuplicatesMarked}).
   */
  static List<SourceDocument> check(List<RawFile> files) {
    return BatchCheck.withDuplicatesMarked(DocumentSources.parse(files));
  }
}
