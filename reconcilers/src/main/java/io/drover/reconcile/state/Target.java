package io.drover.reconcile.state;

import io.drover.api.model.ServiceResource;
import io.drover.api.model.ServiceSpec;
import java.util.Objects;

/**
 * The desired model: the accepted, defaulted document a service is driven towards, with the id of
 * that configuration (the spec hash) and the generation of the desired node it came from.
 */
public record Target(String specHash, long generation, ServiceResource resource) {

  public Target {
    Objects.requireNonNull(specHash, "specHash");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(resource.name(), "resource name");
    Objects.requireNonNull(resource.spec(), "resource spec");
  }

  public static Target of(String specHash, long generation, ServiceResource resource) {
    return new Target(specHash, generation, resource);
  }

  public String name() {
    return resource.name();
  }

  public ServiceSpec spec() {
    return resource.spec();
  }
}
