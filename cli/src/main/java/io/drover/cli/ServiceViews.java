package io.drover.cli;

import io.drover.api.ValidatorIdentity;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StoredNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@link ServiceView}s: one service, or every service that has a document or a status. A
 * document whose status records the controller's check of exactly its version by this build's
 * validator ({@link ServiceRows#trusted}) is decoded without repeating the checks ({@link
 * StoredNode#decodeKnownValid}): the same document, without the schema, the rules and the
 * canonical form, most of a cold decode.
 */
final class ServiceViews {

  private ServiceViews() {}

  /**
   * What a lookup by name found.
   *
   * @param views the services found, in the order asked for (every service, sorted, when no name
   *     was given)
   * @param missing the names with neither a document nor a status
   */
  record Found(List<ServiceView> views, List<String> missing) {
    Found {
      views = List.copyOf(views);
      missing = List.copyOf(missing);
    }
  }

  /** The services {@code names} (every service when empty). */
  static Found find(StoreSession session, List<String> names) throws StoreException {
    if (names.isEmpty()) {
      return new Found(all(session), List.of());
    }
    List<ServiceView> views = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      Optional<ServiceView> view = one(session, name);
      if (view.isPresent()) {
        views.add(view.get());
      } else {
        missing.add(name);
      }
    }
    return new Found(views, missing);
  }

  /** One service, or empty when it has neither a document nor a status. */
  static Optional<ServiceView> one(StoreSession session, String name) throws StoreException {
    StoredNode node = session.desired().readNode(name).orElse(null);
    StatusDocument status = session.status().read(name).orElse(null);
    return node == null && status == null ? Optional.empty()
        : Optional.of(new ServiceView(name, decode(node, status, ValidatorIdentity.current()), status));
  }

  /** Every service, sorted by name, including those whose document is gone but status is not. */
  static List<ServiceView> all(StoreSession session) throws StoreException {
    List<StoredNode> nodes = session.desired().listNodes();
    Map<String, StatusDocument> status = new TreeMap<>();
    for (StatusDocument s : session.status().list()) {
      status.put(s.name(), s);
    }
    String validator = ValidatorIdentity.current();
    TreeMap<String, ServiceView> views = new TreeMap<>();
    // Decoded on the common pool and this thread at once, as the full listing decodes.
    nodes.parallelStream()
        .map(n -> new ServiceView(n.name(), decode(n, status.get(n.name()), validator), status.get(n.name())))
        .toList()
        .forEach(v -> views.put(v.name(), v));
    status.forEach((name, s) -> views.putIfAbsent(name, new ServiceView(name, null, s)));
    return List.copyOf(views.values());
  }

  /** The node's document, decoded without the checks when its status vouches for it; null for none. */
  private static DesiredDocument decode(StoredNode node, StatusDocument status, String validator) {
    if (node == null) {
      return null;
    }
    return ServiceRows.trusted(node, status, validator) != null ? node.decodeKnownValid() : node.decode();
  }
}
