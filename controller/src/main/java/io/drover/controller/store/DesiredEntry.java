package io.drover.controller.store;

import io.drover.reconcile.controller.DesiredService;
import io.drover.reconcile.state.Target;
import java.util.Optional;
import org.apache.curator.framework.recipes.cache.ChildData;

/**
 * A desired document as the controller caches it: the stored document (text, times, problems) and
 * the desired model the reconcile decision reads (with its spec hash), both computed once per
 * version of the node.
 */
public record DesiredEntry(DesiredDocument document, DesiredService service) {

  /** Decodes a cached node; never throws for bad content (the entry is then invalid). */
  public static DesiredEntry decode(String name, ChildData node) {
    DesiredDocument doc = DesiredDocument.decode(node.getPath(), name, node.getData(), node.getStat());
    return new DesiredEntry(doc, DesiredService.of(name, doc.generation(), doc.loaded()));
  }

  /** The target a valid document makes, with the canonical form it was loaded with; empty when invalid. */
  public Optional<KnownSpec> knownSpec() {
    if (!service.valid()) {
      return Optional.empty();
    }
    return Optional.of(new KnownSpec(Target.of(service.specHash(), service.generation(), service.resource()),
        document.loaded().canonicalJson()));
  }
}
