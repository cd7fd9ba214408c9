package io.drover.cli;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StoredNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored nodes and statuses of the services a batch of documents names, as {@code apply} and
 * {@code diff} read them. A document whose text is exactly a node's content, for which the node's
 * status vouches ({@link StoredNode#vouchedBy}: the controller's check of that version by this
 * build's validator), would pass every check: a batch of such documents is stored as written, and
 * nothing in it needs checking or decoding (the cold checks are most of such a command's work:
 * docs/performance.md, cli-latency).
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

  /**
   * Whether {@code texts} is a batch (one document at least, no service twice) whose every
   * document is the content of its service's node, vouched for by its status.
   */
  boolean vouchForAll(List<SourceText> texts) {
    Set<String> seen = new HashSet<>();
    return !texts.isEmpty() && texts.stream().allMatch(t -> seen.add(t.name()) && vouchFor(t));
  }

  private boolean vouchFor(SourceText text) {
    StoredNode node = nodes.get(text.name());
    return node != null && node.vouchedBy(statuses.get(text.name())) != null
        && Arrays.equals(node.data(), text.bytes());
  }

  /** The node of service {@code name}; it must exist. */
  StoredNode node(String name) {
    return nodes.get(name);
  }

  /**
   * The stored documents by name, decoded as {@link io.drover.controller.store.DesiredStore#read}
   * decodes them (without repeating the checks of a version its status vouches for).
   */
  Map<String, DesiredDocument> documents() {
    Map<String, DesiredDocument> docs = new LinkedHashMap<>();
    nodes.forEach((name, node) -> docs.put(name, node.decode(statuses.get(name))));
    return docs;
  }
}
