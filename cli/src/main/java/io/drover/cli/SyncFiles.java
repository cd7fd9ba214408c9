package io.drover.cli;

import io.drover.cli.DocumentSources.RawFile;
import io.drover.controller.store.StoredNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The files of a sync, each either recognized by its {@link SyncDigest} as exactly what a stored
 * node holds (nothing to parse, validate or write) or parsed into its documents. Recognized means:
 * the node's digest checks out for that node, the file's source digest equals it, and no other
 * file or node has the same source digest. A recognized file whose service another file also
 * names is parsed after all, so that the duplicate is reported as before.
 */
final class SyncFiles {

  /**
   * One file's outcome.
   *
   * @param file the file as read
   * @param source the file's source digest (null when it could not be read)
   * @param unchanged the node it is recognized as, or null
   * @param docs its documents when not recognized (else empty)
   */
  record Outcome(RawFile file, String source, StoredNode unchanged, List<SourceDocument> docs) {

    /** Whether sync may store this file's one document with its digest. */
    boolean digestible() {
      return source != null && docs.size() == 1 && docs.get(0).label().equals(file.label());
    }
  }

  /**
   * The files of a sync with their source digests, in the same order.
   *
   * @param sources each file's source digest, null when the file could not be read
   */
  record Hashed(List<RawFile> files, List<String> sources) {}

  private SyncFiles() {}

  /**
   * Reads the files with {@code read} and hashes them on a thread of its own (and every core),
   * so that the caller lists the stored nodes meanwhile: reading a directory waits on the file
   * system and listing waits on ZooKeeper, and one need not wait for the other
   * (docs/performance.md, sync-throughput).
   */
  static CompletableFuture<Hashed> readAhead(Supplier<List<RawFile>> read, SyncDigest digest) {
    return CompletableFuture.supplyAsync(() -> hash(read.get(), digest), task -> {
      Thread t = new Thread(task, "drover-sync-files");
      t.setDaemon(true);
      t.start();
    });
  }

  /** {@code files} with their source digests, computed on every core. */
  static Hashed hash(List<RawFile> files, SyncDigest digest) {
    return new Hashed(files, files.parallelStream()
        .map(f -> f.bytes() == null ? null : digest.ofSource(f.bytes()))
        .toList());
  }

  /** The outcome of every file, in the order given; parsing and digests run on every core. */
  static List<Outcome> match(List<RawFile> files, List<StoredNode> nodes, SyncDigest digest) {
    return match(hash(files, digest), nodes);
  }

  /** The outcome of every hashed file, in the order given; parsing runs on every core. */
  static List<Outcome> match(Hashed hashed, List<StoredNode> nodes) {
    List<RawFile> files = hashed.files();
    List<String> sources = hashed.sources();
    Map<String, StoredNode> bySource = bySource(nodes);
    Map<String, Long> filesPerSource = sources.stream().filter(Objects::nonNull)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    List<Outcome> outcomes = new ArrayList<>(IntStream.range(0, files.size()).parallel()
        .mapToObj(i -> {
          String source = sources.get(i);
          StoredNode node = source == null ? null : bySource.get(source);
          return node != null && filesPerSource.get(source) == 1
              ? new Outcome(files.get(i), source, node, List.of())
              : parsed(files.get(i), source);
        }).toList());
    Set<String> parsedNames = new HashSet<>();
    outcomes.forEach(o -> o.docs().forEach(d -> parsedNames.add(d.name())));
    outcomes.replaceAll(o -> o.unchanged() != null && parsedNames.contains(o.unchanged().name())
        ? parsed(o.file(), o.source()) : o);
    return outcomes;
  }

  private static Outcome parsed(RawFile file, String source) {
    return new Outcome(file, source, null, DocumentSources.parse(file));
  }

  /** The nodes whose digest checks out, by source digest; a digest held by two nodes by none. */
  private static Map<String, StoredNode> bySource(List<StoredNode> nodes) {
    Map<String, List<StoredNode>> grouped = nodes.parallelStream()
        .filter(n -> n.stat().getNumChildren() == 0)
        .map(n -> {
          String source =
              SyncDigest.verifiedSource(n.name(), new String(n.data(), StandardCharsets.UTF_8));
          return source == null ? null : Map.entry(source, n);
        })
        .filter(Objects::nonNull)
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    Map<String, StoredNode> unique = new HashMap<>();
    grouped.forEach((source, held) -> {
      if (held.size() == 1) {
        unique.put(source, held.get(0));
      }
    });
    return unique;
  }
}
