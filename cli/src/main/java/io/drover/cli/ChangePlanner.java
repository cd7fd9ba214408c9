package io.drover.cli;

import io.drover.api.Services;
import io.drover.controller.store.DesiredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides, for valid documents about to be applied, whether each creates, updates or leaves a
 * service unchanged. "Unchanged" compares canonical forms, so a document that differs from the
 * stored one only in formatting, key order, comments or explicit defaults writes nothing.
 */
final class ChangePlanner {

  private ChangePlanner() {}

  /**
   * The changes for {@code docs} (all valid) given the stored documents by name; each write is
   * conditional on the generation read here.
   */
  static List<Change> plan(List<SourceDocument> docs, Map<String, DesiredDocument> current) {
    List<Change> changes = new ArrayList<>(docs.size());
    for (SourceDocument doc : docs) {
      DesiredDocument stored = current.get(doc.name());
      if (stored == null) {
        changes.add(new Change(Change.Kind.CREATE, doc.name(), doc.label(), doc.bytes(), -1));
      } else if (sameContent(doc, stored)) {
        changes.add(new Change(Change.Kind.UNCHANGED, doc.name(), doc.label(), new byte[0],
            stored.generation()));
      } else {
        changes.add(new Change(Change.Kind.UPDATE, doc.name(), doc.label(), doc.bytes(),
            stored.generation()));
      }
    }
    return changes;
  }

  /** A prune of a stored service, conditional on the generation it was listed with. */
  static Change prune(DesiredDocument stored) {
    return new Change(Change.Kind.PRUNE, stored.name(), null, new byte[0], stored.generation());
  }

  private static boolean sameContent(SourceDocument doc, DesiredDocument stored) {
    return stored.valid()
        && Services.canonicalYaml(stored.loaded().resource())
            .equals(Services.canonicalYaml(doc.loaded().resource()));
  }
}
