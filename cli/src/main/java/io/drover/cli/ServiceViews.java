package io.drover.cli;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads {@link ServiceView}s: one service, or every service that has a document or a status. */
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
    DesiredDocument desired = session.desired().read(name).orElse(null);
    StatusDocument status = session.status().read(name).orElse(null);
    return desired == null && status == null ? Optional.empty()
        : Optional.of(new ServiceView(name, desired, status));
  }

  /** Every service, sorted by name, including those whose document is gone but status is not. */
  static List<ServiceView> all(StoreSession session) throws StoreException {
    Map<String, DesiredDocument> desired = new TreeMap<>();
    for (DesiredDocument d : session.desired().list()) {
      desired.put(d.name(), d);
    }
    Map<String, StatusDocument> status = new TreeMap<>();
    for (StatusDocument s : session.status().list()) {
      status.put(s.name(), s);
    }
    TreeMap<String, ServiceView> views = new TreeMap<>();
    desired.forEach((name, d) -> views.put(name, new ServiceView(name, d, status.get(name))));
    status.forEach((name, s) -> views.putIfAbsent(name, new ServiceView(name, null, s)));
    return List.copyOf(views.values());
  }
}
