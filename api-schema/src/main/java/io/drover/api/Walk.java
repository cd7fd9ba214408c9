package io.drover.api;

import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.TaskSpec;
import java.util.Map;

/** Null-tolerant iteration over the pods and tasks of a written document, with their paths. */
final class Walk {
  private Walk() {}

  interface PodVisitor {
    void visit(String name, PodSpec pod, FieldPath at);
  }

  interface TaskVisitor {
    void visit(String pod, String task, TaskSpec spec, FieldPath at);
  }

  static FieldPath podsPath() {
    return FieldPath.root().child("spec").child("pods");
  }

  static void pods(ServiceResource r, PodVisitor v) {
    if (r.spec() == null || r.spec().pods() == null) {
      return;
    }
    r.spec()
        .pods()
        .forEach(
            (name, pod) -> {
              if (pod != null) {
                v.visit(name, pod, podsPath().child(name));
              }
            });
  }

  static void tasks(ServiceResource r, TaskVisitor v) {
    pods(r, (podName, pod, podPath) -> tasksOf(podName, pod, podPath, v));
  }

  static void tasksOf(String podName, PodSpec pod, FieldPath podPath, TaskVisitor v) {
    Map<String, TaskSpec> tasks = pod.tasks();
    if (tasks == null) {
      return;
    }
    tasks.forEach(
        (name, task) -> {
          if (task != null) {
            v.visit(podName, name, task, podPath.child("tasks").child(name));
          }
        });
  }
}
