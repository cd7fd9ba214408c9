package io.drover.controller.store;

import io.drover.api.ValidatorIdentity;
import io.drover.api.status.DocumentCheck;
import io.drover.reconcile.controller.DesiredService;
import io.drover.reconcile.state.Target;
import java.util.Optional;
import org.apache.curator.framework.recipes.cache.ChildData;

/**
 * A desired document as the controller caches it: the stored document (text, times, problems) and
 * the desired model the reconcile decision reads (with its spec hash), both computed once per
 * version of the node.
 *
 * @param check what the decode found, for the status to record: null unless the document is valid,
 *     its node has no children and this build knows its validator's identity
 */
public record DesiredEntry(DesiredDocument document, DesiredService service, DocumentCheck check) {

  /** Decodes a cached node; never throws for bad content (the entry is then invalid). */
  public static DesiredEntry decode(String name, ChildData node) {
    return decode(name, node, null);
  }

  /**
   * Decodes a cached node without repeating the checks when {@code status} (or null) records this
   * build's check of exactly this version ({@link StoredNode#vouchedBy}): the same entry, for a
   * fraction of the work (the schema and the rules are most of a decode until the JIT has compiled
   * them; docs/performance.md, recovery-scale). Never throws for bad content.
   */
  public static DesiredEntry decode(String name, ChildData node, StatusDocument status) {
    DesiredDocument doc =
        new StoredNode(name, node.getPath(), node.getData(), node.getStat()).decode(status);
    return new DesiredEntry(doc, DesiredService.of(name, doc.generation(), doc.loaded()), check(doc, node));
  }

  private static DocumentCheck check(DesiredDocument doc, ChildData node) {
    String validator = ValidatorIdentity.current();
    if (!doc.valid() || validator == null || node.getStat().getNumChildren() > 0) {
      return null;
    }
    return new DocumentCheck(node.getStat().getMzxid(), validator,
        DocumentCheck.desiredTasks(doc.loaded().resource()));
  }

  /** The target a valid document makes, with the canonical form it was loaded with; empty when invalid. */
  public Optional<Target> target() {
    return service.valid() ? Optional.of(service.target()) : Optional.empty();
  }
}
