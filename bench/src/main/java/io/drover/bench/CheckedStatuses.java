package io.drover.bench;

import io.drover.api.Services;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.DesiredEntry;
import io.drover.controller.store.StorePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.data.Stat;

/**
 * The statuses {@code cli-latency} stores: one per service, as a controller writes it, with the
 * check of the service's document ({@link DesiredEntry#check}). A check names the validator that
 * made it, and a CLI trusts only its own validator's (it decodes every other document), so a
 * comparison with an older build re-signs the checks with that build's validator before its runs
 * ({@link #vouchAs}) and back after: each build then finds what a controller of its own would have
 * written.
 */
final class CheckedStatuses {
  private static final int PER_TRANSACTION = 100;

  private final CuratorFramework client;
  private final StorePaths paths;
  private final ServiceStatus status;
  /** Each service's check by this build's validator, by name; null values when it records none. */
  private final Map<String, DocumentCheck> checks;
  /** The validator the stored checks name. */
  private String validator;

  private CheckedStatuses(CuratorFramework client, StorePaths paths, ServiceStatus status,
      Map<String, DocumentCheck> checks, String validator) {
    this.client = client;
    this.paths = paths;
    this.status = status;
    this.checks = checks;
    this.validator = validator;
  }

  /**
   * Writes {@code status} for each of the stored services {@code names}, with its document's check
   * by this build's validator.
   */
  static CheckedStatuses write(CuratorFramework client, StorePaths paths, List<String> names,
      ServiceStatus status) throws Exception {
    client.create().creatingParentsIfNeeded().forPath(paths.statuses(), new byte[0]);
    Map<String, DocumentCheck> checks = new LinkedHashMap<>();
    for (String name : names) {
      Stat stat = new Stat();
      byte[] data = client.getData().storingStatIn(stat).forPath(paths.service(name));
      DocumentCheck check = DesiredEntry.decode(name, new ChildData(paths.service(name), stat, data)).check();
      checks.put(name, check);
      client.create().forPath(paths.status(name), bytes(status, check));
    }
    String validator = checks.values().stream().filter(Objects::nonNull).map(DocumentCheck::validator)
        .findFirst().orElse(null);
    return new CheckedStatuses(client, paths, status, checks, validator);
  }

  /** The validator the stored checks name (null when they record none). */
  String validator() {
    return validator;
  }

  /**
   * Makes every stored check name {@code other} (same version, same task count): what a
   * controller built with that validator records. Writes nothing when they name it already, or
   * when {@code other} or the checks are unknown (a build that records none trusts none).
   */
  void vouchAs(String other) throws Exception {
    if (other == null || validator == null || other.equals(validator)) {
      return;
    }
    List<CuratorOp> ops = new ArrayList<>(PER_TRANSACTION);
    for (Map.Entry<String, DocumentCheck> e : checks.entrySet()) {
      DocumentCheck check = e.getValue();
      DocumentCheck signed = check == null ? null : new DocumentCheck(check.mzxid(), other, check.desiredTasks());
      ops.add(client.transactionOp().setData().forPath(paths.status(e.getKey()), bytes(status, signed)));
      if (ops.size() == PER_TRANSACTION) {
        client.transaction().forOperations(ops);
        ops.clear();
      }
    }
    if (!ops.isEmpty()) {
      client.transaction().forOperations(ops);
    }
    validator = other;
  }

  private static byte[] bytes(ServiceStatus status, DocumentCheck check) throws Exception {
    return Services.statusMapper().writeValueAsBytes(status.withChecked(check));
  }
}
