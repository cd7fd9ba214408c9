package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What should run: pods in document order (the default deploy plan deploys them in this order)
 * and optional named plans ({@code deploy}, {@code update}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(Map<String, PodSpec> pods, Map<String, PlanSpec> plans) {}
