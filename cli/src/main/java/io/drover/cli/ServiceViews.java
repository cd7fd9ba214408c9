package io.drover.cli;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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

  /**
   * Every service, sorted by name, including those whose document is gone but status is not. The
   * statuses are read on a thread of their own while this one reads and decodes the documents, so
   * their round trips overlap the decoding instead of following it.
   */
  static List<ServiceView> all(StoreSession session) throws StoreException {
    FutureTask<List<StatusDocument>> statuses = new FutureTask<>(session.status()::list);
    Thread reader = new Thread(statuses, "drover-status-reads");
    reader.setDaemon(true);
    reader.start();
    Map<String, DesiredDocument> desired = new TreeMap<>();
    try {
      for (DesiredDocument d : session.desired().list()) {
        desired.put(d.name(), d);
      }
    } catch (StoreException | RuntimeException e) {
      statuses.cancel(true);
      throw e;
    }
    Map<String, StatusDocument> status = new TreeMap<>();
    for (StatusDocument s : await(statuses)) {
      status.put(s.name(), s);
    }
    TreeMap<String, ServiceView> views = new TreeMap<>();
    desired.forEach((name, d) -> views.put(name, new ServiceView(name, d, status.get(name))));
    status.forEach((name, s) -> views.putIfAbsent(name, new ServiceView(name, null, s)));
    return List.copyOf(views.values());
  }

  /** The statuses read by {@code statuses}, or the failure of their read as it was thrown. */
  private static List<StatusDocument> await(FutureTask<List<StatusDocument>> statuses)
      throws StoreException {
    try {
      return statuses.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      statuses.cancel(true);
      throw new StoreException(StoreException.Code.FAILED, "reading the statuses: interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException store) {
        throw store;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("reading the statuses failed", e.getCause());
    }
  }
}
