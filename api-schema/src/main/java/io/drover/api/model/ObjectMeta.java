package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Name, labels and annotations of a resource, as in Kubernetes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMeta(String name, Map<String, String> labels, Map<String, String> annotations) {}
