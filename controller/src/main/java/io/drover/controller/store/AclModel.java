package io.drover.controller.store;

import java.util.List;
import java.util.Objects;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * The access control lists {@code drover zk init} puts on Drover's nodes, for two digest
 * identities:
 *
 * <ul>
 *   <li>the root: the controller identity has every permission, the user identity may read;
 *   <li>{@code ROOT/services} and each document: the user identity has every permission, the
 *       controller identity may read. (The user holds ADMIN there so that ZooKeeper shows it the
 *       ACL unmasked, which is what lets {@code drover apply} give a new document the same ACL.)
 *   <li>{@code ROOT/status}, {@code ROOT/scheduler}, {@code ROOT/leader} and everything below: the
 *       controller identity has every permission, the user identity may read.
 * </ul>
 *
 * <p>Nobody else (no {@code world:anyone} entry) may read or write anything. Immutable.
 */
public final class AclModel {

  private final Id controller;
  private final Id user;

  private AclModel(Id controller, Id user) {
    this.controller = Objects.requireNonNull(controller, "controller");
    this.user = Objects.requireNonNull(user, "user");
  }

  /** The model for these two identities, whose user names must differ. */
  public static AclModel of(DigestIdentity controller, DigestIdentity user) {
    if (controller.user().equals(user.user())) {
      throw new IllegalArgumentException("the controller and user identities must have different"
          + " user names (both are '" + user.user() + "')");
    }
    return new AclModel(controller.aclId(), user.aclId());
  }

  /** The ACL a node of {@code nodeClass} must have. */
  public List<ACL> aclFor(NodeClass nodeClass) {
    return switch (nodeClass) {
      case ROOT, CONTROLLER -> List.of(new ACL(Perms.ALL, controller), new ACL(Perms.READ, user));
      case SERVICES -> List.of(new ACL(Perms.ALL, user), new ACL(Perms.READ, controller));
    };
  }
}
