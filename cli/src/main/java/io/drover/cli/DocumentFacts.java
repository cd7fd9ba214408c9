package io.drover.cli;

import io.drover.api.status.DocumentCheck;
import io.drover.controller.store.DesiredDocument;
import java.time.Instant;
import org.apache.zookeeper.data.Stat;

/**
 * What {@code get} shows of a service's desired document: its generation, creation time, whether
 * it is valid, the long-running tasks it asks for and, when invalid, its first problem. Taken from
 * the document's decode, or from the status's record of the controller's decode of the same
 * version by the same validator ({@link ServiceRows}), which gives the same facts.
 *
 * @param generation the node's version
 * @param created the node's creation time
 * @param valid whether the document is a valid Service named like its node
 * @param desiredTasks the long-running tasks a valid document asks for; null when invalid
 * @param firstProblem the first problem of an invalid document; null when valid
 */
record DocumentFacts(long generation, Instant created, boolean valid, Integer desiredTasks,
    String firstProblem) {

  /** The facts of a decoded document. */
  static DocumentFacts of(DesiredDocument d) {
    if (!d.valid()) {
      return new DocumentFacts(d.generation(), d.created(), false, null,
          d.loaded().problems().get(0).toString());
    }
    return new DocumentFacts(d.generation(), d.created(), true,
        DocumentCheck.desiredTasks(d.loaded().resource()), null);
  }

  /** The facts of a valid document as its check recorded them, for the node {@code stat} describes. */
  static DocumentFacts of(Stat stat, DocumentCheck check) {
    return new DocumentFacts(stat.getVersion(), Instant.ofEpochMilli(stat.getCtime()), true,
        check.desiredTasks(), null);
  }
}
