package io.drover.cli;

import io.drover.controller.store.StoreException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drover apply -f PATH...}: creates or updates services from documents. */
@Command(
    name = "apply",
    description = {
      "Create or update services from Service documents (files, directories, - for stdin; "
          + "multi-document YAML allowed).",
      "Every document is validated first; if any is invalid nothing is written. Each service "
          + "is then created or updated with a compare-and-set on its generation and reported "
          + "as created, configured or unchanged. A document whose canonical form equals the "
          + "stored one is not written."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:a document is invalid or no document was found (nothing was written)",
      ExitCodes.USAGE_LINE,
      ExitCodes.OPERATIONAL_LINE
    })
final class ApplyCommand extends StoreVerb {

  @Mixin
  private DocumentOptions documents;

  @Option(names = "--dry-run", description = "Print what would change and write nothing.")
  private boolean dryRun;

  @Override
  public Integer call() throws StoreException {
    try (StoreSession session = connectStore()) {
      DocumentBatch batch = DocumentBatch.read(documents, context(), session);
      List<Change> changes;
      if (batch.storedAsWritten()) {
        StoredCopies stored = batch.copies(session);
        changes = batch.asWritten().stream().map(t -> Change.unchanged(t.name(), t.label(),
            stored.node(t.name()).generation())).toList();
      } else {
        List<SourceDocument> docs = batch.checked();
        if (BatchCheck.reportedInvalid(docs, context().err(), "nothing was written")) {
          return ExitCodes.NEGATIVE;
        }
        if (docs.isEmpty()) {
          context().err().println("error: no Service documents found in "
              + String.join(", ", documents.paths())
              + " (directories are searched for .yaml, .yml and .json files)");
          return ExitCodes.NEGATIVE;
        }
        changes = ChangePlanner.plan(docs, batch.copies(session).documents());
      }
      new ChangeWriter(session.desired(), context().out(), dryRun).write(changes);
    }
    return ExitCodes.OK;
  }
}
