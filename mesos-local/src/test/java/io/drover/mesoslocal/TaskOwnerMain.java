package io.drover.mesoslocal;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * A JVM that starts mesos-local, runs one process task and then idles, for {@link ExitReaperTest}:
 * {@code TaskOwnerMain WORK_DIR}; prints {@code running} once the task is.
 */
public final class TaskOwnerMain {

  private TaskOwnerMain() {}

  public static void main(String[] args) throws Exception {
    MesosLocal cluster = MesosLocal.builder().workDir(Path.of(args[0])).allocationInterval(Duration.ofMillis(100)).start();
    TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("owner").build());
    s.autoAck = true;
    Offer offer = s.awaitOffer();
    s.launch(offer, TestScheduler.task("t-owned", offer, "sleep 300 & echo $! > child.pid; wait", 0.1, 32));
    s.awaitUpdate("t-owned", TaskState.TASK_RUNNING);
    System.out.println("running");
    System.out.flush();
    Thread.currentThread().join();
  }
}
