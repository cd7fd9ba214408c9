package io.drover.controller.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;

/**
 * {@code drover zk init}: creates Drover's nodes (root, services, secrets, status, scheduler, leader) and
 * gives them, and every node below them, the ACLs of an {@link AclModel}.
 *
 * <p>Idempotent: nodes that exist are kept, ACLs that are right are left alone and wrong ones are
 * replaced, so a second run changes nothing and a run after a manual mistake repairs it. Nodes
 * that vanish during the walk (a controller's ephemeral election node) are skipped. Children of the
 * root outside the layout are left as they are. The client needs ADMIN permission on every node it
 * repairs; the CLI authenticates it as both identities, which together hold ADMIN everywhere once
 * the model is in place.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class AclBootstrap {

  /** What a run did: nodes created, nodes whose ACL it replaced, and how many were already right. */
  public record Result(List<String> created, List<String> fixed, int unchanged) {
    public Result {
      created = List.copyOf(created);
      fixed = List.copyOf(fixed);
    }
  }

  private final CuratorFramework client;
  private final StorePaths paths;
  private final AclModel model;

  public AclBootstrap(CuratorFramework client, StorePaths paths, AclModel model) {
    this.client = Objects.requireNonNull(client, "client");
    this.paths = Objects.requireNonNull(paths, "paths");
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Creates and repairs; stops at the first refusal.
   *
   * @throws StoreException {@link StoreException.Code#NOT_AUTHORIZED} when the given identities may
   *     not change a node (it names the node), or another code when ZooKeeper fails
   */
  public Result run() throws StoreException {
    Run run = new Run();
    run.ensure(paths.root(), NodeClass.ROOT);
    run.ensure(paths.services(), NodeClass.SERVICES);
    run.ensure(paths.secrets(), NodeClass.SERVICES);
    run.ensure(paths.statuses(), NodeClass.CONTROLLER);
    run.ensure(paths.scheduler(), NodeClass.CONTROLLER);
    run.ensure(paths.leader(), NodeClass.CONTROLLER);
    run.repair(paths.root(), NodeClass.ROOT, false);
    run.repair(paths.services(), NodeClass.SERVICES, true);
    run.repair(paths.secrets(), NodeClass.SERVICES, true);
    run.repair(paths.statuses(), NodeClass.CONTROLLER, true);
    run.repair(paths.scheduler(), NodeClass.CONTROLLER, true);
    run.repair(paths.leader(), NodeClass.CONTROLLER, true);
    return new Result(run.created, run.fixed, run.unchanged);
  }

  /** One run's progress. */
  private final class Run {
    private final List<String> created = new ArrayList<>();
    private final List<String> fixed = new ArrayList<>();
    private int unchanged;

    /** Creates the node (and missing ancestors, with the same ACL) when absent. */
    void ensure(String path, NodeClass nodeClass) throws StoreException {
      try {
        if (client.checkExists().forPath(path) != null) {
          return;
        }
      } catch (Exception e) {
        throw failure("read", path, e);
      }
      try {
        client.create().creatingParentsIfNeeded()
            .withACL(model.aclFor(nodeClass), true)
            .forPath(path, new byte[0]);
        created.add(path);
      } catch (KeeperException.NodeExistsException e) {
        // Created concurrently (a controller starting): the repair pass checks its ACL.
      } catch (Exception e) {
        throw failure("create", path, e);
      }
    }

    /** Sets the class's ACL on {@code top}, and on every node below it when {@code deep}. */
    void repair(String top, NodeClass nodeClass, boolean deep) throws StoreException {
      List<ACL> wanted = model.aclFor(nodeClass);
      Deque<String> pending = new ArrayDeque<>();
      pending.push(top);
      while (!pending.isEmpty()) {
        String path = pending.pop();
        try {
          List<ACL> actual = client.getACL().forPath(path);
          if (new HashSet<>(actual).equals(new HashSet<>(wanted))) {
            if (!created.contains(path)) {
              unchanged++;
            }
          } else {
            client.setACL().withACL(wanted).forPath(path);
            fixed.add(path);
          }
          if (deep) {
            for (String child : client.getChildren().forPath(path)) {
              pending.push(path + "/" + child);
            }
          }
        } catch (KeeperException.NoNodeException e) {
          // Gone meanwhile (an ephemeral election node): nothing to repair.
        } catch (Exception e) {
          throw failure("set the ACL of", path, e);
        }
      }
    }

    private StoreException failure(String action, String path, Exception e) {
      if (e instanceof KeeperException.NoAuthException) {
        return new StoreException(StoreException.Code.NOT_AUTHORIZED, "cannot " + action + " "
            + path + " as " + SessionIdentity.describe(client) + ": the ACL in place does not"
            + " allow it; pass credentials with ADMIN permission there with --zk-auth (those of"
            + " an earlier zk init, or a ZooKeeper super user) and run zk init again", e);
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (e instanceof KeeperException.ConnectionLossException
          || e instanceof KeeperException.SessionExpiredException) {
        return new StoreException(StoreException.Code.UNAVAILABLE, "cannot " + action + " " + path
            + ": lost the connection to ZooKeeper; check that it is up and run zk init again"
            + " (it is safe to repeat)", e);
      }
      return new StoreException(StoreException.Code.FAILED,
          "cannot " + action + " " + path + ": " + e.getMessage(), e);
    }
  }
}
