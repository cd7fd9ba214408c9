package io.drover.cli;

import io.drover.api.ValidatorIdentity;
import io.drover.api.status.DocumentCheck;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StoredNode;
import java.util.List;

/**
 * Every service's {@link ServiceRow}, for {@code get services}' table, decoding only the documents
 * it must. A document is not decoded when its status records the controller's check of exactly
 * that version ({@link DocumentCheck}: the node's {@code mzxid}, which changes with every write and
 * differs after a delete and create) by a validator with this build's identity ({@link
 * ValidatorIdentity}), on a node without children: that check found the document valid and counted
 * its tasks as the decode here would. Every other document is decoded: no status, a status without
 * a check (an older controller, an invalid document), a check of another version or by another
 * validator ({@link StoredNode#vouchedBy}).
 */
final class ServiceRows {

  private ServiceRows() {}

  /**
   * Every service, sorted by name, including those whose document is gone but status is not; the
   * statuses read whole for {@code wide} ({@link WideColumns}), else only as far as the table shows
   * them ({@link TableStatusReader}).
   */
  static List<ServiceRow> all(StoreSession session, boolean wide) throws StoreException {
    return session.everyService(wide ? StatusDocument.WHOLE : TableStatusReader.INSTANCE,
        ServiceRows::row, s -> new ServiceRow(s.name(), null, s));
  }

  /** A document's row: from the check its status vouches with, else from its decode. */
  private static ServiceRow row(StoredNode node, StatusDocument status) {
    DocumentCheck check = node.vouchedBy(status);
    DocumentFacts facts = check != null ? DocumentFacts.of(node.stat(), check) : DocumentFacts.of(node.decode());
    return new ServiceRow(node.name(), facts, status);
  }
}
