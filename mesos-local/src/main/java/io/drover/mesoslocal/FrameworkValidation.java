package io.drover.mesoslocal;

import java.util.HashSet;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/** The master's checks of a FrameworkInfo on SUBSCRIBE ({@code validation::framework::validate}). */
final class FrameworkValidation {

  private FrameworkValidation() {}

  /** Null when valid, else the message the ERROR event carries. */
  @SuppressWarnings("deprecation") // FrameworkInfo.role is still valid without MULTI_ROLE.
  static String validate(FrameworkInfo info) {
    boolean multiRole = info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
    if (multiRole && info.hasRole()) {
      return "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable";
    }
    if (!multiRole && info.getRolesCount() > 0) {
      return "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable";
    }
    if (multiRole) {
      Set<String> seen = new HashSet<>();
      for (String role : info.getRolesList()) {
        if (!seen.add(role)) {
          return "'FrameworkInfo.roles' contains duplicate items: " + role;
        }
        String error = validateRole(role);
        if (error != null) {
          return "'FrameworkInfo.roles' contains invalid role: " + error;
        }
      }
    } else {
      String error = validateRole(info.getRole());
      if (error != null) {
        return "'FrameworkInfo.role' is not a valid role: " + error;
      }
    }
    if (info.hasId() && !info.getId().getValue().isEmpty()) {
      String error = TaskValidation.validateId(info.getId().getValue());
      if (error != null) {
        return error;
      }
    }
    double timeout = info.getFailoverTimeout();
    if (Double.isNaN(timeout) || Double.isInfinite(timeout) || timeout < 0 || timeout * 1e9 > Long.MAX_VALUE) {
      return "The framework failover_timeout (" + timeout + ") is invalid";
    }
    return null;
  }

  /** {@code roles::validate}. */
  static String validateRole(String role) {
    if (role.equals("*")) {
      return null;
    }
    if (role.startsWith("/")) {
      return "Role '" + role + "' cannot start with a slash";
    }
    if (role.endsWith("/")) {
      return "Role '" + role + "' cannot end with a slash";
    }
    if (role.contains("//")) {
      return "Role '" + role + "' cannot contain two adjacent slashes";
    }
    if (role.isEmpty()) {
      return "Role names cannot be the empty string";
    }
    for (String component : role.split("/")) {
      if (component.equals(".") || component.equals("..") || component.equals("*")) {
        return "Role '" + role + "' cannot include '" + component + "' as a component";
      }
      if (component.startsWith("-")) {
        return "Role component '" + component + "' is invalid because it starts with a dash";
      }
      if (component.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\b' || c == 0x7f)) {
        return "Role component '" + component + "' is invalid because it contains backspace or whitespace";
      }
    }
    return null;
  }
}
