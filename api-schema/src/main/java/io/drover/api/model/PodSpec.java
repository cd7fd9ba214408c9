package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A pod: {@code count} instances, each running every task in {@code tasks} on one agent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodSpec(Integer count, Placement placement, Map<String, TaskSpec> tasks) {}
