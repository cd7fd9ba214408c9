package io.drover.controller.app;

import io.drover.api.status.ServiceStatus;
import io.drover.controller.ha.ElectionMember;
import io.drover.controller.ha.LeaderElection;
import io.drover.controller.ha.LeaderTerm;
import io.drover.controller.http.ControllerView;
import io.drover.controller.http.LeaderView;
import io.drover.controller.http.ServiceView;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.DesiredEntry;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreConnection;
import io.drover.reconcile.controller.DesiredService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The replica as the HTTP API sees it: caches, election and the current term, read-only. The
 * election is supplied late: the HTTP port it advertises is known only once the server is bound.
 */
final class ReplicaView implements ControllerView {
  private final StoreConnection store;
  private final ChildrenCache<DesiredEntry> desired;
  private final ChildrenCache<StatusDocument> statuses;
  private final Supplier<LeaderElection> election;
  private final Supplier<Optional<LeaderSession>> session;

  ReplicaView(
      StoreConnection store,
      ChildrenCache<DesiredEntry> desired,
      ChildrenCache<StatusDocument> statuses,
      Supplier<LeaderElection> election,
      Supplier<Optional<LeaderSession>> session) {
    this.store = store;
    this.desired = desired;
    this.statuses = statuses;
    this.election = election;
    this.session = session;
  }

  @Override
  public List<ServiceView> services() {
    TreeSet<String> names = new TreeSet<>(desired.names());
    names.addAll(statuses.names());
    List<ServiceView> out = new ArrayList<>();
    for (String name : names) {
      service(name).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<ServiceView> service(String name) {
    Optional<DesiredService> d = desired.get(name).map(DesiredEntry::service);
    ServiceStatus st = statuses.get(name).map(StatusDocument::status).orElse(null);
    if (d.isEmpty() && st == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceView(
            name,
            d.map(DesiredService::generation).orElse(null),
            d.map(DesiredService::valid).orElse(false),
            d.map(DesiredService::errors).orElse(List.of()),
            st));
  }

  @Override
  public LeaderView leader() throws Exception {
    LeaderElection election = started();
    Optional<LeaderTerm> term = election.currentTerm();
    Optional<LeaderSession> s = session.get();
    Instant first = s.flatMap(LeaderSession::firstReconcile).orElse(null);
    return new LeaderView(
        election.self(),
        election.currentLeader().orElse(null),
        term.isPresent() && !election.isSuspended(),
        term.map(LeaderTerm::since).orElse(null),
        first);
  }

  @Override
  public List<ElectionMember> replicas() throws Exception {
    return started().members();
  }

  private LeaderElection started() {
    LeaderElection election = this.election.get();
    if (election == null) {
      throw new IllegalStateException("the replica is starting");
    }
    return election;
  }

  @Override
  public List<String> notReadyReasons() {
    List<String> reasons = new ArrayList<>();
    if (!store.connected()) {
      reasons.add("not connected to ZooKeeper");
    }
    if (!desired.initialized()) {
      reasons.add("desired documents are still loading");
    }
    if (!statuses.initialized()) {
      reasons.add("statuses are still loading");
    }
    LeaderElection election = this.election.get();
    if (election == null) {
      reasons.add("the replica is starting");
    } else if (election.currentTerm().isPresent() && session.get().isEmpty()) {
      reasons.add("elected leader; the scheduler is starting");
    }
    return reasons;
  }
}
