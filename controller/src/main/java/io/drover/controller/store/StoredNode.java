package io.drover.controller.store;

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
   * The same document as {@link #decode}, for a node whose content this build's validator found
   * valid already (a status's check of exactly this version): {@link DesiredDocument#decodeKnownValid}.
   */
  public DesiredDocument decodeKnownValid() {
    return DesiredDocument.decodeKnownValid(path, name, data, stat);
  }
}
