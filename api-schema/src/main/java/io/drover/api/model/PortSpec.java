package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A named port: a fixed {@code port}, or 0 for any port the offer has. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortSpec(Integer port) {}
