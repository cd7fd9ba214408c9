package io.drover.controller.http;

import io.drover.controller.ha.ElectionMember;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP API reads: services from the replica's caches (so standbys answer too), the
 * leadership and readiness. Implementations are thread-safe and answer from memory, except
 * {@link #leader} and {@link #replicas}, which may read ZooKeeper.
 */
public interface ControllerView {

  /** Every service with a document or a status, sorted by name. */
  List<ServiceView> services();

  Optional<ServiceView> service(String name);

  LeaderView leader() throws Exception;

  /** Every replica in the election, the leader first once one is elected; may read ZooKeeper. */
  List<ElectionMember> replicas() throws Exception;

  /** Empty when ready to serve; else the reasons it is not, for {@code /readyz}. */
  List<String> notReadyReasons();
}
