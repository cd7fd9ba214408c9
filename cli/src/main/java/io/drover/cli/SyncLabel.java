package io.drover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.LoadedDocument;
import io.drover.api.Problem;
import io.drover.api.Services;
import io.drover.api.model.ObjectMeta;
import io.drover.api.model.ServiceResource;
import io.drover.controller.store.DesiredDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code drover.io/sync-id} label by which {@code drover sync} records which services it
 * created, so that {@code --prune} deletes only those.
 *
 * <p>A document that lacks the label gets it added, first to its model (for planning) and, only
 * when it is written, to its text: the tree is re-serialized in its own format (YAML stays YAML,
 * JSON stays JSON; comments are dropped) and checked to load to exactly the original resource plus
 * the label; if it does not, the canonical YAML of that resource is stored instead.
 */
final class SyncLabel {

  static final String KEY = "drover.io/sync-id";

  private static final Pattern VALID_ID =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

  private SyncLabel() {}

  /** Whether {@code id} can be a label value (at most 63 letters, digits, {@code - _ .}). */
  static boolean isValidId(String id) {
    return VALID_ID.matcher(id).matches();
  }

  /** The default id of a directory: a hash of its real absolute path. */
  static String idForDirectory(Path realPath) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(realPath.toString().getBytes(StandardCharsets.UTF_8));
      return "dir-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The owner recorded in a stored document, or null (none, or unreadable because invalid). */
  static String ownerOf(DesiredDocument stored) {
    return stored.valid() ? labels(stored.loaded().resource()).get(KEY) : null;
  }

  /**
   * The document with {@code id} in its model, or with a problem when it names another owner. Only
   * the model is labelled, which is all planning needs: the text stays the file's own until
   * {@link #storedText} produces what to write, so a sync that writes nothing relabels nothing.
   */
  static SourceDocument ensure(SourceDocument doc, String id) {
    if (!needsLabel(doc, id)) {
      return doc;
    }
    ServiceResource resource = doc.loaded().resource();
    String present = labels(resource).get(KEY);
    if (present != null) {
      return doc.withProblem(Problem.invalid("metadata.labels[" + KEY + "]", "\"" + present + "\"",
          "this sync's id is \"" + id + "\": remove the label or run with --sync-id " + present));
    }
    LoadedDocument loaded = doc.loaded();
    return new SourceDocument(doc.label(), doc.text(), new LoadedDocument(loaded.source(),
        loaded.index(), loaded.name(), withLabel(resource, id), loaded.problems()));
  }

  /** Whether {@code doc} (as read, before {@link #ensure}) is valid and its text lacks {@code id}. */
  static boolean needsLabel(SourceDocument doc, String id) {
    return doc.valid() && !id.equals(labels(doc.loaded().resource()).get(KEY));
  }

  /**
   * The text to store for a document that {@link #ensure} labelled in its model only: its own text
   * re-serialized with the label (and, unless {@code digest} is null, the annotation {@link
   * SyncDigest#KEY} set to it) in its own format (YAML stays YAML, JSON stays JSON; comments are
   * dropped), checked to load to exactly the labelled model, or else that model's canonical YAML.
   */
  static String storedText(SourceDocument labelled, String id, String digest) {
    ServiceResource resource = labelled.loaded().resource();
    if (digest != null) {
      resource = SyncDigest.with(resource, digest);
    }
    String original = labelled.text();
    boolean json = OwnFormat.isJson(original);
    ObjectMapper mapper = OwnFormat.mapperFor(original);
    try {
      ObjectNode tree = (ObjectNode) mapper.readTree(original);
      tree.withObjectProperty("metadata").withObjectProperty("labels").put(KEY, id);
      if (digest != null) {
        tree.withObjectProperty("metadata").withObjectProperty("annotations")
            .put(SyncDigest.KEY, digest);
      }
      String text = mapper.writeValueAsString(tree);
      List<LoadedDocument> reloaded =
          Services.load("relabeled", text.getBytes(StandardCharsets.UTF_8));
      if (reloaded.size() == 1 && reloaded.get(0).valid()
          && ChangePlanner.sameCanonicalForm(reloaded.get(0).resource(), resource)) {
        return json ? text + "\n" : text;
      }
    } catch (IOException | RuntimeException e) {
      // Fall through to the canonical form, which is always faithful.
    }
    return Services.canonicalYaml(resource);
  }

  private static ServiceResource withLabel(ServiceResource resource, String id) {
    ObjectMeta meta = resource.metadata();
    Map<String, String> labels = new LinkedHashMap<>(labels(resource));
    labels.put(KEY, id);
    return new ServiceResource(resource.apiVersion(), resource.kind(),
        new ObjectMeta(meta.name(), labels, meta.annotations()), resource.spec());
  }

  private static Map<String, String> labels(ServiceResource resource) {
    Map<String, String> labels = resource.metadata() == null ? null : resource.metadata().labels();
    return labels == null ? Map.of() : labels;
  }
}
