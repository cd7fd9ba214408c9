package io.drover.controller.store;

import io.drover.api.ValidatorIdentity;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.ServiceStatus;
import org.apache.zookeeper.data.Stat;

/**
 * A desired document's node as read, not yet decoded: for readers that can decide from the bytes
 * alone (a digest) whether the costly {@link #decode} is needed at all. {@link BatchedNodeReads}
 * also reads status nodes into it, for {@link StatusDocument#decode}.
 *
 * @param name the node name, which is the service name
 * @param path the node's path, which names it in problems
 * @param data the node's content (empty when it holds none)
 * @param stat the node's stat: its version is the document's generation
 */
public record StoredNode(String name, String path, byte[] data, Stat stat) {

  /** The document's generation: the node's version. */
  public long generation() {
    return stat.getVersion();
  }

  /** What {@link DesiredStore#read} gives for this node: parsed, validated, defaulted. */
  public DesiredDocument decode() {
    return DesiredDocument.decode(path, name, data, stat);
  }

  /**
   * The check {@code status} records when it is of exactly this node's content (its {@code mzxid},
   * on a node with nothing under it) by this build's validator: the document is then valid, as its
   * decode would find it. Null otherwise: no status or no check, a check of another version (or of
   * a node deleted and created again) or by another validator, or a build that knows no identity.
   */
  public DocumentCheck vouchedBy(StatusDocument status) {
    ServiceStatus s = status == null ? null : status.status();
    DocumentCheck check = s == null ? null : s.checked();
    String validator = ValidatorIdentity.current();
    if (check == null || validator == null || !validator.equals(check.validator())
        || check.mzxid() != stat.getMzxid() || stat.getNumChildren() > 0) {
      return null;
    }
    return check;
  }

  /**
   * The same document as {@link #decode}, without repeating the checks when {@code status} vouches
   * for this version ({@link #vouchedBy}): parsed, bound and defaulted only, most of a cold decode
   * spared ({@link DesiredDocument#decodeKnownValid}).
   */
  public DesiredDocument decode(StatusDocument status) {
    return vouchedBy(status) != null ? DesiredDocument.decodeKnownValid(path, name, data, stat) : decode();
  }
}
