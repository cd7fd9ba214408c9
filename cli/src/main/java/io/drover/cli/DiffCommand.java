package io.drover.cli;

import io.drover.api.Services;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code drover diff -f PATH...}: what {@code apply} would change, as a unified diff. */
@Command(
    name = "diff",
    description = {
      "Show, as a unified diff, how the canonical YAML (defaults applied, keys ordered) of each "
          + "document differs from the service stored in ZooKeeper. A service that does not "
          + "exist yet diffs against nothing; a stored document that is invalid is shown as "
          + "stored."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + ": no differences",
      "1:differences found",
      "2:usage error, or an invalid document",
      ExitCodes.OPERATIONAL_LINE
    })
final class DiffCommand extends StoreVerb {

  @Mixin
  private DocumentOptions documents;

  @Override
  public Integer call() throws StoreException {
    try (StoreSession session = connectStore()) {
      DocumentBatch batch = DocumentBatch.read(documents, context(), session);
      // Documents stored as written have no differences: only the checked ones are compared.
      List<SourceDocument> docs = batch.checked();
      if (BatchCheck.reportedInvalid(docs, context().err(), "fix them to see a diff")) {
        return ExitCodes.USAGE;
      }
      Map<String, DesiredDocument> stored = batch.storedOfChecked(session);
      boolean different = false;
      for (SourceDocument doc : docs) {
        String diff = diff(doc, Optional.ofNullable(stored.get(doc.name())));
        context().out().print(diff);
        different |= !diff.isEmpty();
      }
      return different ? ExitCodes.NEGATIVE : ExitCodes.OK;
    }
  }

  private static String diff(SourceDocument doc, Optional<DesiredDocument> stored) {
    if (stored.isPresent() && ChangePlanner.sameText(doc, stored.get())) {
      return ""; // the same text decodes to the same canonical form: no YAML to write to see that
    }
    String after = Services.canonicalYaml(doc.loaded().resource());
    String afterLabel = "service/" + doc.name() + " (" + doc.label() + ")";
    if (stored.isEmpty()) {
      return UnifiedDiff.diff("", after, "service/" + doc.name() + " (not in ZooKeeper)",
          afterLabel);
    }
    DesiredDocument current = stored.get();
    String before = current.valid()
        ? Services.canonicalYaml(current.loaded().resource()) : current.text();
    String beforeLabel = "service/" + doc.name() + " (ZooKeeper, generation "
        + current.generation() + (current.valid() ? "" : ", invalid, as stored") + ")";
    return UnifiedDiff.diff(before, after, beforeLabel, afterLabel);
  }
}
