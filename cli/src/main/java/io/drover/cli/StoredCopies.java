package io.drover.cli;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StoredNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The stored nodes and statuses of the services a batch of documents names, as {@code apply} and
 * {@code diff} read them. A document whose text is exactly a node's content, for which the node's
 * status vouches ({@link StoredNode#vouchedBy}: the controller's check of that version by this
 * build's validator), would pass every check and is stored as written: nothing in it needs checking
 * or decoding (the cold checks are most of such a command's work: docs/performance.md,
 * cli-latency).
 */
final class StoredCopies {

  private final Map<String, StoredNode> nodes;
  private final Map<String, StatusDocument> statuses;

  private StoredCopies(Map<String, StoredNode> nodes, Map<String, StatusDocument> statuses) {
    this.nodes = nodes;
    this.statuses = statuses;
  }

  /** The nodes and statuses of {@code names} that exist. */
  static StoredCopies read(StoreSession session, Collection<String> names) throws StoreException {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
    return new StoredCopies(session.desired().readNodes(distinct), session.status().read(distinct));
  }

  /** Whether {@code text} is the content of its service's node, vouched for by its status. */
  boolean vouchFor(SourceText text) {
    StoredNode node = nodes.get(text.name());
    return node != null && node.vouchedBy(statuses.get(text.name())) != null
        && Arrays.equals(node.data(), text.bytes());
  }

  /** The node of service {@code name}; it must exist. */
  StoredNode node(String name) {
    return nodes.get(name);
  }

  /**
   * The stored documents of those of {@code names} that exist, by name, decoded as {@link
   * io.drover.controller.store.DesiredStore#read} decodes them (without repeating the checks of a
   * version its status vouches for).
   */
  Map<String, DesiredDocument> documents(Collection<String> names) {
    Map<String, DesiredDocument> docs = new LinkedHashMap<>();
    for (String name : names) {
      StoredNode node = nodes.get(name);
      if (node != null) {
        docs.put(name, node.decode(statuses.get(name)));
      }
    }
    return docs;
  }
}
