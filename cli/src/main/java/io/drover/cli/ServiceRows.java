package io.drover.cli;

import io.drover.api.ValidatorIdentity;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StoredNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every service's {@link ServiceRow}, for {@code get services}' table, decoding only the documents
 * it must. A document is not decoded when its status records the controller's check of exactly
 * that version ({@link DocumentCheck}: the node's {@code mzxid}, which changes with every write and
 * differs after a delete and create) by a validator with this build's identity ({@link
 * ValidatorIdentity}), on a node without children: that check found the document valid and counted
 * its tasks as the decode here would. Every other document is decoded: no status, a status without
 * a check (an older controller, an invalid document), a check of another version or by another
 * validator.
 */
final class ServiceRows {

  private ServiceRows() {}

  /** Every service, sorted by name, including those whose document is gone but status is not. */
  static List<ServiceRow> all(StoreSession session) throws StoreException {
    List<StoredNode> nodes = session.desired().listNodes();
    Map<String, StatusDocument> statuses = new HashMap<>();
    for (StatusDocument s : session.status().list()) {
      statuses.put(s.name(), s);
    }
    String validator = ValidatorIdentity.current();
    TreeMap<String, ServiceRow> rows = new TreeMap<>();
    List<StoredNode> undecided = new ArrayList<>();
    for (StoredNode node : nodes) {
      StatusDocument status = statuses.get(node.name());
      DocumentCheck check = trusted(node, status, validator);
      if (check == null) {
        undecided.add(node);
      } else {
        rows.put(node.name(), new ServiceRow(node.name(), DocumentFacts.of(node.stat(), check), status));
      }
    }
    // Decoded on the common pool and this thread at once, as the full listing decodes.
    undecided.parallelStream()
        .map(n -> new ServiceRow(n.name(), DocumentFacts.of(n.decode()), statuses.get(n.name())))
        .toList()
        .forEach(r -> rows.put(r.name(), r));
    statuses.forEach((name, s) -> rows.putIfAbsent(name, new ServiceRow(name, null, s)));
    return List.copyOf(rows.values());
  }

  /** The status's check when it is of exactly this node's content by this validator, else null. */
  static DocumentCheck trusted(StoredNode node, StatusDocument status, String validator) {
    ServiceStatus s = status == null ? null : status.status();
    DocumentCheck check = s == null ? null : s.checked();
    if (check == null || validator == null || !validator.equals(check.validator())
        || check.mzxid() != node.stat().getMzxid() || node.stat().getNumChildren() > 0) {
      return null;
    }
    return check;
  }
}
