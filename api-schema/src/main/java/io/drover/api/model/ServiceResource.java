package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A desired-state {@code Service} document, as a user writes it under {@code /drover/services/<name>}.
 *
 * <p>Instances are immutable. A document fresh from the parser may have missing (null) parts; after
 * defaulting every optional field holds its explicit default, which is what the canonical form and
 * the spec hash are computed from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceResource(String apiVersion, String kind, ObjectMeta metadata, ServiceSpec spec) {
  public static final String API_VERSION = "drover.io/v1";
  public static final String KIND = "Service";

  /** The service's name, or null when the document has no metadata. */
  public String name() {
    return metadata == null ? null : metadata.name();
  }
}
