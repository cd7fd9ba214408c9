package io.drover.api;

/** Size limits every parser enforces, so a hostile or broken file cannot exhaust memory. */
final class DocumentLimits {
  /** A document must fit a ZooKeeper node (1 MiB) with room to spare. */
  static final int MAX_DOCUMENT_BYTES = 512 * 1024;

  /**
   * A document once its defaults are written out, as canonical JSON: what the scheduler stores as
   * one ZooKeeper node, with room in the 1 MiB request limit for the rest of the entry's creation.
   */
  static final int MAX_EXPANDED_BYTES = 768 * 1024;

  /** A multi-document source (a whole file of services) is bounded too. */
  static final int MAX_SOURCE_BYTES = 16 * 1024 * 1024;

  /** Aliases to collections; enough for shared anchors, far from a "billion laughs" expansion. */
  static final int MAX_COLLECTION_ALIASES = 20;

  /** Nodes a document may expand to after aliases are resolved. */
  static final int MAX_NODES = 100_000;

  static final int MAX_NESTING_DEPTH = 64;
  static final String TOO_DEEP =
      "the document is nested more than " + MAX_NESTING_DEPTH + " levels deep; flatten it";

  private DocumentLimits() {}

  /** The problem of one document of {@code bytes}, more than {@link #MAX_DOCUMENT_BYTES}. */
  static Problem documentTooLarge(long bytes) {
    return Problem.at(
        "",
        "the document is "
            + kib(bytes)
            + "; a document may be at most "
            + kib(MAX_DOCUMENT_BYTES));
  }

  /**
   * The length in UTF-8 bytes of a canonical JSON form ({@link CanonicalForm#json}), counted as
   * {@code String.getBytes(UTF_8)} encodes but without building the bytes.
   */
  static long expandedBytes(String canonicalJson) {
    Utf8Length length = new Utf8Length();
    length.write(canonicalJson, 0, canonicalJson.length());
    return length.bytes();
  }

  /** The problem of a document that expands to {@code bytes}, more than {@link #MAX_EXPANDED_BYTES}. */
  static Problem expandedTooLarge(long bytes) {
    return Problem.at(
        "",
        "the document is "
            + kib(bytes)
            + " once its defaults are written out; a service may be at most "
            + kib(MAX_EXPANDED_BYTES)
            + " expanded, so that the scheduler's record of it fits one ZooKeeper node: split it into"
            + " several services or use fewer pods");
  }

  /** The problem of a whole source of {@code bytes}, more than {@link #MAX_SOURCE_BYTES}. */
  static Problem sourceTooLarge(long bytes) {
    return Problem.at(
        "",
        "the file is "
            + kib(bytes)
            + "; a file may be at most "
            + kib(MAX_SOURCE_BYTES)
            + " (and each document at most "
            + kib(MAX_DOCUMENT_BYTES)
            + ")");
  }

  private static String kib(long bytes) {
    return (bytes + 1023) / 1024 + " KiB";
  }
}
