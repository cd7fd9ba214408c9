package io.drover.chaos;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The user, editing while the faults play: scales or changes {@value Workload#EDITED}, creates a
 * temporary service, or deletes one, through the desired store as {@code drover apply} and {@code
 * drover delete} write. A write that fails (ZooKeeper without quorum) is tried again every
 * {@value #RETRY_MS} ms. Edits are made one at a time, from the fault runner's edit thread.
 */
final class UserEdits {
  static final long RETRY_MS = 300;
  private static final int MAX_TEMPORARY = 2;

  private final DesiredStore store;
  private final ServiceModel model;
  private final Random random;
  private final List<String> temporary = new ArrayList<>();
  private int nextTemporary;
  private int editedCount = 1;
  private int editedVersion = 1;

  UserEdits(DesiredStore store, ServiceModel model, long seed) {
    this.store = store;
    this.model = model;
    this.random = new Random(seed);
  }

  /** Creates the initial services. */
  void createInitial(Duration timeout) throws StoreException, InterruptedException {
    for (Workload.Doc doc : Workload.initial()) {
      write(doc, timeout);
    }
  }

  /** One edit drawn at random; returns what it did. */
  synchronized String editOnce(Duration timeout) throws StoreException, InterruptedException {
    int kind = random.nextInt(3);
    if (kind == 1 && temporary.size() < MAX_TEMPORARY) {
      Workload.Doc doc = Workload.temporary(nextTemporary++);
      write(doc, timeout);
      temporary.add(doc.name());
      return "created " + doc.name();
    }
    if (kind == 2 && !temporary.isEmpty()) {
      String name = temporary.get(random.nextInt(temporary.size()));
      delete(name, timeout);
      return "deleted " + name;
    }
    if (random.nextBoolean()) {
      editedCount = 1 + random.nextInt(3);
    } else {
      editedVersion++;
    }
    write(Workload.edited(editedCount, editedVersion), timeout);
    return "set " + Workload.EDITED + " to count " + editedCount + ", version " + editedVersion;
  }

  /** Deletes the temporary service {@code name} if it is one the user has. */
  synchronized Optional<String> deleteTemporary(String name, Duration timeout) throws StoreException, InterruptedException {
    if (!temporary.contains(name)) {
      return Optional.empty();
    }
    delete(name, timeout);
    return Optional.of("deleted " + name);
  }

  /** The model learns of a change before it is written, so that the monitor never sees it unannounced. */
  private void write(Workload.Doc doc, Duration timeout) throws StoreException, InterruptedException {
    model.writing(doc, Instant.now());
    retry(timeout, () -> {
      Optional<DesiredDocument> current = store.read(doc.name());
      if (current.isPresent()) {
        store.update(doc.name(), doc.yaml(), current.get().generation());
      } else {
        store.create(doc.name(), doc.yaml());
      }
    });
    model.stored(doc.name());
  }

  private void delete(String name, Duration timeout) throws StoreException, InterruptedException {
    temporary.remove(name);
    model.deleted(name, Instant.now());
    retry(timeout, () -> {
      Optional<DesiredDocument> current = store.read(name);
      if (current.isPresent()) {
        store.delete(name, current.get().generation());
      }
    });
  }

  private interface Write {
    void run() throws StoreException;
  }

  private static void retry(Duration timeout, Write write) throws StoreException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        write.run();
        return;
      } catch (StoreException e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(RETRY_MS);
      }
    }
  }
}
