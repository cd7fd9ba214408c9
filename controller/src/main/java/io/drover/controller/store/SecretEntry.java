package io.drover.controller.store;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;

/**
 * One secret as the controller's cache holds it: its name, its version (the node's last
 * modification, so a secret deleted and created again has a new one) and its value. The text form
 * never shows the value.
 */
public final class SecretEntry {
  private final String name;
  private final String version;
  private final byte[] value;

  SecretEntry(String name, String version, byte[] value) {
    this.name = name;
    this.version = version;
    this.value = value.clone();
  }

  /** An unstarted cache of every secret under {@code paths}; events are applied on {@code events}. */
  public static ChildrenCache<SecretEntry> cache(CuratorFramework client, StorePaths paths, Executor events) {
    return new ChildrenCache<>(client, paths.secrets(), SecretEntry::decode, events);
  }

  static SecretEntry decode(String name, ChildData node) {
    byte[] data = node.getData() == null ? new byte[0] : node.getData();
    return new SecretEntry(name, version(node.getStat().getMzxid()), data);
  }

  static String version(long mzxid) {
    return HexFormat.of().toHexDigits(mzxid);
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  /** A copy of the value. */
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretEntry e && e.name.equals(name) && e.version.equals(version) && Arrays.equals(e.value, value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + version.hashCode();
  }

  @Override
  public String toString() {
    return "secret " + name + " (version " + version + ", value hidden)";
  }
}
