package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A phase deploys the instances (steps) of one pod, per {@code strategy}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseSpec(String pod, Strategy strategy) {}
