package io.drover.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.model.ServiceResource;
import java.util.List;

/**
 * The entry point to the {@code Service} resource: load (parse, validate, default), defaults,
 * canonical form and spec hash, and the status JSON mapper.
 *
 * <p>All methods are stateless and thread-safe. The JSON Schema on the classpath at {@value
 * #SCHEMA_RESOURCE} is the source of truth for the structure; semantic rules (unique ports, plans
 * naming existing pods, ...) come after it.
 */
public final class Services {
  /** Classpath location of the JSON Schema of the resource. */
  public static final String SCHEMA_RESOURCE = SchemaCheck.RESOURCE;

  private Services() {}

  /**
   * Parses (YAML multi-doc or JSON, autodetected), validates and defaults every document in
   * content. Never throws for bad input: syntax errors, oversized documents and every validation
   * problem come back as {@link Problem}s of a {@link LoadedDocument}. Empty YAML documents are
   * skipped; a source with no document at all yields one invalid document saying so.
   *
   * @param source the name to report the content under (a file name, {@code -}, a ZooKeeper path)
   */
  public static List<LoadedDocument> load(String source, byte[] content) {
    return DocumentLoader.load(source, content);
  }

  /**
   * Reads content that this build's validator has found valid already (a check recorded for
   * exactly these bytes by a validator of the same {@link ValidatorIdentity}): parsed, bound and
   * defaulted as {@link #load} would give it, without repeating the checks; the canonical form is
   * computed when asked for. A reader that shows a stored document saves most of a cold decode
   * (the schema alone is a third of it). Content that does not read as one bindable document gets
   * the full {@link #load}.
   */
  public static List<LoadedDocument> loadKnownValid(String source, byte[] content) {
    return DocumentLoader.loadKnownValid(source, content);
  }

  /**
   * The {@code metadata.name} each document of {@code content} gives, in the order {@link #load}
   * finds them: null for a document that names no service or cannot be read. Parses only and checks
   * nothing: which services content is about, for a reader that looks them up before deciding
   * whether to load it at all.
   */
  public static List<String> names(byte[] content) {
    return SourceReader.read(content).stream().map(RawDocument::name).toList();
  }

  /**
   * Reads back a canonical JSON form written by {@link #canonicalJson}, validated and defaulted as
   * {@link #load} does; it may be larger than a document a user writes (defaults expand it), up to
   * the limit validation puts on expanded documents.
   */
  public static LoadedDocument loadCanonical(String source, byte[] json) {
    return DocumentLoader.loadCanonical(source, json);
  }

  /**
   * The resource with every default written out (idempotent; see docs/resource.md for the values).
   */
  public static ServiceResource withDefaults(ServiceResource r) {
    return Defaults.apply(r);
  }

  /**
   * Canonical YAML of the whole defaulted document (metadata + spec): sorted keys (except the
   * phases of a plan, which keep their order), defaults explicit, strings quoted. Equal for
   * documents that differ only in key order, formatting, comments, JSON vs YAML, or explicitly
   * written defaults. Reads back (with {@link #load}) as the same resource.
   */
  public static String canonicalYaml(ServiceResource r) {
    return CanonicalForm.yaml(CanonicalForm.tree(Defaults.apply(r)));
  }

  /**
   * Canonical JSON (compact, one line) of the whole defaulted document; see {@link #canonicalYaml}.
   */
  public static String canonicalJson(ServiceResource r) {
    return CanonicalForm.json(CanonicalForm.tree(Defaults.apply(r)));
  }

  /**
   * SHA-256 (lower-case hex) of the canonical JSON of the defaulted spec only: metadata (labels,
   * annotations, even the name) does not change it, nor do defaulted fields added to Drover later
   * while they hold their default (see docs/resource.md).
   */
  public static String specHash(ServiceResource r) {
    return CanonicalForm.specHash(CanonicalForm.specTree(Defaults.apply(r)));
  }

  /**
   * Jackson mapper configured for status JSON ({@link io.drover.api.status.ServiceStatus} read and
   * write); it ignores unknown fields so an older reader tolerates a newer writer. Shared: do not
   * reconfigure it.
   */
  public static ObjectMapper statusMapper() {
    return Mappers.STATUS;
  }
}
