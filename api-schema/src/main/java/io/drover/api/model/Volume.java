package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A persistent volume on the pod instance's reservation, mounted at {@code path} (relative to the
 * sandbox). It survives relaunches of the pod's tasks and is destroyed only on decommission or
 * uninstall; its path and size cannot change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(String path, Integer sizeMiB) {}
