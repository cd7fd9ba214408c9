package io.drover.cli;

import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StoredNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link ServiceView}s: one service, or every service that has a document or a status. A
 * document whose status records the controller's check of exactly its version by this build's
 * validator is decoded without repeating the checks ({@link StoredNode#decode(StatusDocument)}):
 * the same document, without the schema, the rules and the canonical form, most of a cold decode.
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
        : Optional.of(new ServiceView(name, node == null ? null : node.decode(status), status));
  }

  /** Every service, sorted by name, including those whose document is gone but status is not. */
  static List<ServiceView> all(StoreSession session) throws StoreException {
    return session.everyService(StatusDocument.WHOLE,
        (node, status) -> new ServiceView(node.name(), node.decode(status), status),
        s -> new ServiceView(s.name(), null, s));
  }
}
