package io.drover.controller.store;

import java.util.List;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;

/**
 * The names of the services that have a desired document or a status, from the two node listings
 * alone: for readers that need nothing but names, without reading or decoding any document.
 */
public final class ServiceNames {

  private ServiceNames() {}

  /**
   * Every name under {@code ROOT/services} or {@code ROOT/status}, sorted; a failed listing names
   * the node it could not list.
   */
  public static List<String> all(CuratorFramework client, StorePaths paths) throws StoreException {
    TreeSet<String> names = new TreeSet<>(ChildNames.sorted(client, paths, paths.services()));
    names.addAll(ChildNames.sorted(client, paths, paths.statuses()));
    return List.copyOf(names);
  }
}
