package io.drover.controller.store;

import io.drover.reconcile.controller.DesiredService;
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
}
