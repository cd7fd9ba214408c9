package io.drover.controller.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * The access control list a new document node gets: its parent's, so that an administrator who
 * restricts {@code ROOT/services} restricts every document in it.
 *
 * <p>ZooKeeper shows digest identities masked ({@code user:x}) to a client without ADMIN permission
 * on the parent; such entries cannot be copied. They are replaced by one {@code auth} entry (the
 * creating client's own identities) with their combined permissions, so the creator keeps the
 * access the parent meant for it; other entries are copied as they are.
 */
final class InheritedAcl {

  private static final String DIGEST = "digest";
  private static final String MASKED_SUFFIX = ":x";

  private InheritedAcl() {}

  static List<ACL> of(List<ACL> parent) {
    List<ACL> copied = new ArrayList<>(parent.size());
    int maskedPerms = 0;
    for (ACL entry : parent) {
      Id id = entry.getId();
      if (DIGEST.equals(id.getScheme()) && id.getId().endsWith(MASKED_SUFFIX)) {
        maskedPerms |= entry.getPerms();
      } else {
        copied.add(entry);
      }
    }
    if (maskedPerms != 0) {
      copied.add(new ACL(maskedPerms, ZooDefs.Ids.AUTH_IDS));
    }
    return copied;
  }
}
