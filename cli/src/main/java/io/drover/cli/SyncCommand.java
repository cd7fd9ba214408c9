package io.drover.cli;

import io.drover.api.LoadedDocument;
import io.drover.api.Problem;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StoredNode;
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
import java.util.concurrent.CompletableFuture;
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
    // The directory is read while the session opens and the nodes are listed.
    CompletableFuture<SyncFiles.Hashed> files =
        SyncFiles.readAhead(() -> new DocumentSources(context()).files(List.of(dir), true), new SyncDigest(id));
    try (StoreSession session = openStore()) {
      List<StoredNode> nodes = session.desired().listNodes();
      List<SyncFiles.Outcome> outcomes = SyncFiles.match(files.join(), nodes);
      List<SourceDocument> docs = new ArrayList<>();
      Set<String> unlabelled = new HashSet<>();
      Map<String, String> digestible = new HashMap<>();
      Set<String> recognized = new HashSet<>();
      for (SyncFiles.Outcome outcome : outcomes) {
        if (outcome.unchanged() != null) {
          recognized.add(outcome.unchanged().name());
        }
        for (SourceDocument doc : outcome.docs()) {
          if (SyncLabel.needsLabel(doc, id)) {
            unlabelled.add(doc.label());
            if (outcome.digestible()) {
              digestible.put(doc.label(), outcome.source());
            }
          }
          docs.add(SyncLabel.ensure(doc, id));
        }
      }
      docs = BatchCheck.withDuplicatesMarked(docs);
      if (reportedInvalid(docs, id)) {
        return ExitCodes.NEGATIVE;
      }
      Map<String, DesiredDocument> stored = decodeOthers(nodes, recognized);
      docs = refuseForeign(docs, stored, id);
      if (reportedInvalid(docs, id)) {
        return ExitCodes.NEGATIVE;
      }
      List<Change> planned = withStoredText(ChangePlanner.plan(withoutDigests(docs),
          withoutDigests(stored)), docs, unlabelled, digestible, id);
      List<Change> changes = inFileOrder(outcomes, planned);
      if (prune) {
        Set<String> wanted = new HashSet<>(recognized);
        docs.forEach(d -> wanted.add(d.name()));
        List<DesiredDocument> orphans = orphans(wanted, stored, id);
        String refusal = pruneRefusal(docs.isEmpty() && recognized.isEmpty(), orphans);
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

  /** The stored documents not recognized by their digest, decoded on every core, by name. */
  private static Map<String, DesiredDocument> decodeOthers(
      List<StoredNode> nodes, Set<String> recognized) {
    Map<String, DesiredDocument> stored = new LinkedHashMap<>();
    nodes.parallelStream()
        .filter(n -> !recognized.contains(n.name()))
        .map(StoredNode::decode)
        .toList()
        .forEach(d -> stored.put(d.name(), d));
    return stored;
  }

  /** Every change in the order of the files: a recognized file's unchanged, else its documents'. */
  private static List<Change> inFileOrder(List<SyncFiles.Outcome> outcomes, List<Change> planned) {
    Map<String, Change> bySource = new HashMap<>();
    planned.forEach(c -> bySource.put(c.source(), c));
    List<Change> changes = new ArrayList<>(outcomes.size());
    for (SyncFiles.Outcome outcome : outcomes) {
      StoredNode node = outcome.unchanged();
      if (node != null) {
        changes.add(new Change(Change.Kind.UNCHANGED, node.name(), outcome.file().label(),
            new byte[0], node.generation()));
      }
      outcome.docs().forEach(d -> changes.add(bySource.get(d.label())));
    }
    return changes;
  }

  /** The documents with the sync digest left out of their models: it is not what they ask for. */
  private static List<SourceDocument> withoutDigests(List<SourceDocument> docs) {
    return docs.stream().map(d -> new SourceDocument(d.label(), d.text(), new LoadedDocument(
        d.loaded().source(), d.loaded().index(), d.name(),
        SyncDigest.without(d.loaded().resource()), d.loaded().problems()))).toList();
  }

  private static Map<String, DesiredDocument> withoutDigests(Map<String, DesiredDocument> stored) {
    Map<String, DesiredDocument> stripped = new LinkedHashMap<>();
    stored.forEach((name, d) -> {
      LoadedDocument l = d.loaded();
      stripped.put(name, !d.valid() ? d : new DesiredDocument(d.name(), d.text(), d.generation(),
          d.created(), d.modified(), new LoadedDocument(l.source(), l.index(), l.name(),
              SyncDigest.without(l.resource()), l.problems())));
    });
    return stripped;
  }

  /**
   * The planned changes with the label written into the text of each document that lacked it and
   * will be written, with its sync digest when it is a file's only document; documents left
   * unchanged are never relabelled.
   */
  private static List<Change> withStoredText(List<Change> planned, List<SourceDocument> docs,
      Set<String> unlabelled, Map<String, String> digestible, String id) {
    Map<String, SourceDocument> bySource = new HashMap<>();
    docs.forEach(d -> bySource.put(d.label(), d));
    // Relabelling re-reads and checks each text: the documents are independent, so every core helps.
    return planned.parallelStream()
        .map(c -> !c.writes() || !unlabelled.contains(c.source()) ? c : new Change(c.kind(),
            c.name(), c.source(), storedText(bySource.get(c.source()), c.name(), id,
                digestible.get(c.source())).getBytes(StandardCharsets.UTF_8),
            c.expectedGeneration()))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  /** The relabelled text, sealed with the file's digest when it has one and sealing works. */
  private static String storedText(SourceDocument doc, String name, String id, String source) {
    if (source != null) {
      String sealed = SyncDigest.seal(name,
          SyncLabel.storedText(doc, id, SyncDigest.placeholder(source)), source);
      if (sealed != null) {
        return sealed;
      }
    }
    return SyncLabel.storedText(doc, id, null);
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
      Set<String> wanted, Map<String, DesiredDocument> stored, String id) {
    return stored.values().stream()
        .filter(d -> id.equals(SyncLabel.ownerOf(d)))
        .filter(d -> !wanted.contains(d.name()))
        .toList();
  }

  private String pruneRefusal(boolean noDocuments, List<DesiredDocument> orphans) {
    if (noDocuments && !allowEmpty) {
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
