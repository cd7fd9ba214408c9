package io.drover.cli;

import io.drover.api.Problem;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code drover sync DIR}: makes ZooKeeper hold exactly a directory's services (GitOps). */
@Command(
    name = "sync",
    description = {
      "Apply every Service document under DIR (recursively: .yaml, .yml, .json; hidden files "
          + "and directories such as .git are skipped), and with --prune delete the services an "
          + "earlier sync with the same id created that are no longer in DIR.",
      "Ownership is recorded in each document as the label drover.io/sync-id (added when "
          + "missing); a service without it, or with another id, is never pruned. Everything is "
          + "checked before anything is written. A repeated sync with no change writes nothing."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:a document is invalid, a service belongs to another sync, or a prune was refused "
          + "(nothing was written)",
      ExitCodes.USAGE_LINE,
      ExitCodes.OPERATIONAL_LINE
    })
final class SyncCommand extends StoreVerb {

  @Parameters(index = "0", paramLabel = "DIR", description = "The directory of documents.")
  private String dir;

  @Option(names = "--prune",
      description = "Delete services this sync created earlier that are no longer in DIR.")
  private boolean prune;

  @Option(names = "--dry-run", description = "Print what would change and write nothing.")
  private boolean dryRun;

  @Option(names = "--allow-empty",
      description = "Allow --prune when DIR holds no document (this deletes every service the "
          + "sync created).")
  private boolean allowEmpty;

  @Option(names = "--max-prune", paramLabel = "N",
      description = "Refuse to prune more than N services (default: no limit).")
  private Integer maxPrune;

  @Option(names = "--sync-id", paramLabel = "ID",
      description = "The ownership id (default: derived from DIR's absolute path; set it in "
          + "pipelines whose checkout directory changes).")
  private String syncId;

  @Override
  public Integer call() throws StoreException, IOException {
    String id = ownershipId();
    if (maxPrune != null && maxPrune < 0) {
      throw new ParameterException(commandLine(), "--max-prune must be 0 or more");
    }
    List<SourceDocument> docs = new ArrayList<>();
    Set<String> unlabelled = new HashSet<>();
    for (SourceDocument doc : new DocumentSources(context()).read(List.of(dir), true)) {
      if (SyncLabel.needsLabel(doc, id)) {
        unlabelled.add(doc.label());
      }
      docs.add(SyncLabel.ensure(doc, id));
    }
    docs = BatchCheck.withDuplicatesMarked(docs);
    if (reportedInvalid(docs, id)) {
      return ExitCodes.NEGATIVE;
    }
    try (StoreSession session = openStore()) {
      Map<String, DesiredDocument> stored = new LinkedHashMap<>();
      for (DesiredDocument d : session.desired().list()) {
        stored.put(d.name(), d);
      }
      docs = refuseForeign(docs, stored, id);
      if (reportedInvalid(docs, id)) {
        return ExitCodes.NEGATIVE;
      }
      List<Change> changes = withStoredText(ChangePlanner.plan(docs, stored), docs, unlabelled, id);
      if (prune) {
        List<DesiredDocument> orphans = orphans(docs, stored, id);
        String refusal = pruneRefusal(docs, orphans);
        if (refusal != null) {
          context().err().println("error: " + refusal + "; nothing was written");
          return ExitCodes.NEGATIVE;
        }
        orphans.forEach(o -> changes.add(ChangePlanner.prune(o)));
      }
      Map<Change.Kind, Integer> counts =
          new ChangeWriter(session.desired(), context().out(), dryRun).write(changes);
      summary(id, counts, 0, dryRun ? " (dry run: nothing was written)" : "");
    }
    return ExitCodes.OK;
  }

  /**
   * The planned changes with the label written into the text of each document that lacked it and
   * will be written; documents left unchanged are never relabelled.
   */
  private static List<Change> withStoredText(
      List<Change> planned, List<SourceDocument> docs, Set<String> unlabelled, String id) {
    Map<String, SourceDocument> bySource = new HashMap<>();
    docs.forEach(d -> bySource.put(d.label(), d));
    // Relabelling re-reads and checks each text: the documents are independent, so every core helps.
    return planned.parallelStream()
        .map(c -> !c.writes() || !unlabelled.contains(c.source()) ? c : new Change(c.kind(),
            c.name(), c.source(), SyncLabel.storedText(bySource.get(c.source()), id)
                .getBytes(StandardCharsets.UTF_8), c.expectedGeneration()))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private boolean reportedInvalid(List<SourceDocument> docs, String id) {
    List<String> problems = BatchCheck.problems(docs);
    if (problems.isEmpty()) {
      return false;
    }
    problems.forEach(context().err()::println);
    summary(id, Map.of(), BatchCheck.invalidCount(docs), " (nothing was written)");
    return true;
  }

  private String ownershipId() throws IOException {
    Path path = context().resolve(dir);
    if (!Files.isDirectory(path)) {
      throw new ParameterException(commandLine(), "not a directory: " + dir
          + ": give the directory that holds the Service documents");
    }
    if (syncId == null) {
      return SyncLabel.idForDirectory(path.toRealPath());
    }
    if (!SyncLabel.isValidId(syncId)) {
      throw new ParameterException(commandLine(), "invalid --sync-id '" + syncId
          + "': use at most 63 letters, digits, '-', '_' or '.', starting and ending with a "
          + "letter or digit");
    }
    return syncId;
  }

  /** Documents for services that another sync owns become invalid: never take them over. */
  private static List<SourceDocument> refuseForeign(
      List<SourceDocument> docs, Map<String, DesiredDocument> stored, String id) {
    List<SourceDocument> checked = new ArrayList<>(docs.size());
    for (SourceDocument doc : docs) {
      DesiredDocument existing = doc.name() == null ? null : stored.get(doc.name());
      String owner = existing == null ? null : SyncLabel.ownerOf(existing);
      checked.add(owner == null || owner.equals(id) ? doc : doc.withProblem(
          Problem.at("metadata.name", "service/" + doc.name()
              + " in ZooKeeper belongs to sync id \"" + owner + "\", not \"" + id
              + "\": sync it from its own directory, or delete it first")));
    }
    return checked;
  }

  private static List<DesiredDocument> orphans(
      List<SourceDocument> docs, Map<String, DesiredDocument> stored, String id) {
    Set<String> wanted = docs.stream().map(SourceDocument::name).collect(Collectors.toSet());
    return stored.values().stream()
        .filter(d -> id.equals(SyncLabel.ownerOf(d)))
        .filter(d -> !wanted.contains(d.name()))
        .toList();
  }

  private String pruneRefusal(List<SourceDocument> docs, List<DesiredDocument> orphans) {
    if (docs.isEmpty() && !allowEmpty) {
      return "refusing to prune: " + dir + " holds no Service documents, so every service this "
          + "sync created (" + orphans.size() + ") would be deleted; check the directory, or "
          + "pass --allow-empty if that is intended";
    }
    if (maxPrune != null && orphans.size() > maxPrune) {
      return "refusing to prune " + orphans.size() + " services, more than --max-prune "
          + maxPrune + ": " + orphans.stream().map(DesiredDocument::name)
              .collect(Collectors.joining(", "))
          + "; check the directory, or raise --max-prune";
    }
    return null;
  }

  private void summary(String id, Map<Change.Kind, Integer> counts, long invalid, String note) {
    context().out().println("sync " + id + ": "
        + counts.getOrDefault(Change.Kind.CREATE, 0) + " created, "
        + counts.getOrDefault(Change.Kind.UPDATE, 0) + " configured, "
        + counts.getOrDefault(Change.Kind.UNCHANGED, 0) + " unchanged, "
        + counts.getOrDefault(Change.Kind.PRUNE, 0) + " pruned, "
        + invalid + " invalid" + note);
  }
}
