package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where a pod's instances may run: at most {@code maxPerHost} instances on one host (null means no
 * limit), and every rule must hold for the agent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Placement(Integer maxPerHost, List<PlacementRule> rules) {}
