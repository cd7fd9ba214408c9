package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A plan: phases in document order, run per {@code strategy}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanSpec(Strategy strategy, Map<String, PhaseSpec> phases) {}
