package io.drover.cli;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StoreException;
import java.util.List;
import java.util.Map;
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
      List<SourceDocument> checked = batch.checked();
      if (BatchCheck.reportedInvalid(checked, context().err(), "nothing was written")) {
        return ExitCodes.NEGATIVE;
      }
      if (batch.entries().isEmpty()) {
        context().err().println("error: no Service documents found in "
            + String.join(", ", documents.paths())
            + " (directories are searched for .yaml, .yml and .json files)");
        return ExitCodes.NEGATIVE;
      }
      StoredCopies stored = batch.copies(session);
      Map<String, DesiredDocument> current = batch.storedOfChecked(session);
      List<Change> changes = batch.entries().stream().map(e -> e.asWritten() != null
          ? Change.unchanged(e.name(), e.asWritten().label(), stored.node(e.name()).generation())
          : ChangePlanner.change(e.checked(), current.get(e.name()))).toList();
      new ChangeWriter(session.desired(), context().out(), dryRun).write(changes);
    }
    return ExitCodes.OK;
  }
}
