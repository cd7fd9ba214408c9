package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A reference to a named secret ({@code drover secret create NAME}); the document never holds its value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretRef(String secret) {}
