package io.drover.cli;

/**
 * One planned write to the desired store, decided before anything is written.
 *
 * @param kind what happens
 * @param name the service
 * @param source where the new document came from ({@code null} for a prune)
 * @param content the document to store (empty for unchanged and prune)
 * @param expectedGeneration the generation the write is conditional on (-1 for a create)
 */
record Change(Kind kind, String name, String source, byte[] content, long expectedGeneration) {

  /** What a change does, with the word printed for it. */
  enum Kind {
    CREATE("created"),
    UPDATE("configured"),
    UNCHANGED("unchanged"),
    PRUNE("pruned");

    private final String past;

    Kind(String past) {
      this.past = past;
    }

    String past() {
      return past;
    }
  }

  /** A service left as it is, stored at {@code generation}, by the document from {@code source}. */
  static Change unchanged(String name, String source, long generation) {
    return new Change(Kind.UNCHANGED, name, source, new byte[0], generation);
  }

  /** Whether executing this change writes to ZooKeeper. */
  boolean writes() {
    return kind != Kind.UNCHANGED;
  }
}
