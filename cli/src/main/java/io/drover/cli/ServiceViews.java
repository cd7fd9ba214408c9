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
    return new ArrayList<>(views.values());
  }
}
