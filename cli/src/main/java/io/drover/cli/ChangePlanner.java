package io.drover.cli;

import io.drover.api.Services;
import io.drover.api.model.PlanSpec;
import io.drover.api.model.ServiceResource;
import io.drover.controller.store.DesiredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
      changes.add(change(doc, current.get(doc.name())));
    }
    return changes;
  }

  /**
   * The change for {@code doc} (valid) given its service's stored document, or null when there is
   * none; the write is conditional on the generation read.
   */
  static Change change(SourceDocument doc, DesiredDocument stored) {
    if (stored == null) {
      return new Change(Change.Kind.CREATE, doc.name(), doc.label(), doc.bytes(), -1);
    }
    if (sameContent(doc, stored)) {
      return Change.unchanged(doc.name(), doc.label(), stored.generation());
    }
    return new Change(Change.Kind.UPDATE, doc.name(), doc.label(), doc.bytes(), stored.generation());
  }

  /** A prune of a stored service, conditional on the generation it was listed with. */
  static Change prune(DesiredDocument stored) {
    return new Change(Change.Kind.PRUNE, stored.name(), null, new byte[0], stored.generation());
  }

  private static boolean sameContent(SourceDocument doc, DesiredDocument stored) {
    return stored.valid() && (sameText(doc, stored)
        || sameCanonicalForm(doc.loaded().resource(), stored.loaded().resource()));
  }

  /**
   * Whether a valid stored document holds exactly the text of {@code doc} (valid too): then both
   * decode alike and their canonical forms are equal. This is the usual no-op, a file applied
   * again as it was; deciding it by text spares comparing the models (a record's first {@code
   * equals} builds method handles, dozens of classes for a Service) and writing YAML.
   */
  static boolean sameText(SourceDocument doc, DesiredDocument stored) {
    return stored.valid() && !doc.text().isEmpty() && doc.text().equals(stored.text());
  }

  /**
   * Whether two defaulted resources have the same canonical form. Equal models (records compare
   * by value, maps regardless of order) whose plans list their phases in the same order have the
   * same canonical form, which sorts every key but the phases: that case, every document of a
   * no-op sync, is decided without writing either form; any other is decided by the forms.
   */
  static boolean sameCanonicalForm(ServiceResource a, ServiceResource b) {
    if (a.equals(b) && phaseOrder(a).equals(phaseOrder(b))) {
      return true;
    }
    return Services.canonicalYaml(a).equals(Services.canonicalYaml(b));
  }

  /** Each plan's phase names in their order, by plan name. */
  private static Map<String, List<String>> phaseOrder(ServiceResource resource) {
    Map<String, List<String>> order = new TreeMap<>();
    Map<String, PlanSpec> plans = resource.spec() == null ? null : resource.spec().plans();
    if (plans != null) {
      plans.forEach((name, plan) -> order.put(name,
          plan == null || plan.phases() == null ? List.of() : List.copyOf(plan.phases().keySet())));
    }
    return order;
  }
}
