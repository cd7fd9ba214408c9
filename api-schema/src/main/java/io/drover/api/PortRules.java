package io.drover.api;

import io.drover.api.model.PortSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ports of one pod instance share an agent: their names (and so their {@code PORT_<NAME>}
 * variables) and fixed numbers must be unique within the pod, and {@code env} must not set a
 * variable a port exports.
 */
final class PortRules implements SemanticRule {
  @Override
  public void check(ServiceResource written, List<Problem> out) {
    Walk.pods(
        written,
        (podName, pod, podPath) -> {
          PodPorts seen = new PodPorts(out);
          Walk.tasksOf(
              podName,
              pod,
              podPath,
              (p, task, spec, at) -> {
                if (spec.ports() != null) {
                  spec.ports().forEach((portName, port) -> seen.check(task, spec, at, portName));
                }
              });
        });
  }

  /** The ports of one pod seen so far, by name and by fixed number. */
  private static final class PodPorts {
    private final Map<String, String> taskByName = new HashMap<>();
    private final Map<Integer, String> ownerByNumber = new HashMap<>();
    private final List<Problem> out;

    PodPorts(List<Problem> out) {
      this.out = out;
    }

    /** Checks port {@code portName} of {@code task} (at {@code at}) against the pod's others. */
    void check(String task, TaskSpec spec, FieldPath at, String portName) {
      FieldPath portPath = at.child("ports").child(portName);
      String firstTask = taskByName.putIfAbsent(portName, task);
      if (firstTask != null) {
        out.add(
            Problem.invalid(
                portPath.toString(),
                JsonValues.quote(portName),
                "port name already used by task \""
                    + firstTask
                    + "\"; port names must be unique within a pod"));
      }
      PortSpec port = spec.ports().get(portName);
      Integer number = port == null ? null : port.port();
      if (number != null && number != PortSpec.ANY) {
        String firstOwner =
            ownerByNumber.putIfAbsent(number, "task \"" + task + "\" port \"" + portName + "\"");
        if (firstOwner != null) {
          out.add(
              Problem.invalid(
                  portPath.child("port").toString(),
                  String.valueOf(number),
                  "already used by " + firstOwner + "; fixed ports must be unique within a pod"));
        }
      }
      String variable = PortSpec.envName(portName);
      if (spec.env() != null && spec.env().containsKey(variable)) {
        out.add(
            Problem.at(
                at.child("env").key(variable).toString(),
                "conflicts with the variable that port \""
                    + portName
                    + "\" exports; remove it from env (Drover sets "
                    + variable
                    + " to the port number)"));
      }
    }
  }
}
