package io.drover.api;

import io.drover.api.model.PortSpec;
import io.drover.api.model.ServiceResource;
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
          Map<String, String> nameOwners = new HashMap<>();
          Map<Integer, String> numberOwners = new HashMap<>();
          Walk.tasksOf(
              podName,
              pod,
              podPath,
              (p, task, spec, at) -> {
                if (spec.ports() == null) {
                  return;
                }
                spec.ports()
                    .forEach(
                        (portName, port) -> {
                          FieldPath portPath = at.child("ports").child(portName);
                          String owner = "task \"" + task + "\"";
                          String firstName = nameOwners.putIfAbsent(portName, task);
                          if (firstName != null) {
                            out.add(
                                Problem.invalid(
                                    portPath.toString(),
                                    JsonValues.quote(portName),
                                    "port name already used by task \""
                                        + firstName
                                        + "\"; port names must be unique within a pod"));
                          }
                          Integer number = port == null ? null : port.port();
                          if (number != null && number != PortSpec.ANY) {
                            String firstNumber =
                                numberOwners.putIfAbsent(
                                    number, owner + " port \"" + portName + "\"");
                            if (firstNumber != null) {
                              out.add(
                                  Problem.invalid(
                                      portPath.child("port").toString(),
                                      String.valueOf(number),
                                      "already used by "
                                          + firstNumber
                                          + "; fixed ports must be unique within a pod"));
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
                        });
              });
        });
  }
}
