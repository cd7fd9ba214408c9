package io.drover.controller.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.sandbox.SandboxException;
import io.drover.controller.sandbox.TaskSandbox;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /v1/logs/{service}/{task}?stream=stdout|stderr}: the end of a task's output (its last
 * 64 KiB) as plain text, read from its sandbox through the Mesos master and the agent's files API,
 * for the dashboard's links. One bounded read per request (the agent's own limit); nothing is kept.
 * Read-only, so it needs no token. 404 when the service, task or sandbox is unknown or gone, 503 when
 * the replica has no Mesos master configured or Mesos cannot be reached.
 */
final class TaskLogsHandler implements HttpHandler {

  static final String PATH = "/v1/logs/";
  private static final int TAIL_BYTES = 64 * 1024;

  private final ControllerView view;
  private final Optional<String> master;

  TaskLogsHandler(ControllerView view, Optional<String> master) {
    this.view = view;
    this.master = master;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        Exchanges.error(ex, 405, "only GET and HEAD");
        return;
      }
      String[] parts = ex.getRequestURI().getRawPath().substring(PATH.length()).split("/");
      if (parts.length != 2) {
        Exchanges.error(ex, 404, "use " + PATH + "{service}/{task}?stream=stdout|stderr");
        return;
      }
      String service = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      String task = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      String query = ex.getRequestURI().getQuery();
      String stream = query == null || query.equals("stream=stdout") ? "stdout"
          : query.equals("stream=stderr") ? "stderr" : null;
      if (stream == null) {
        Exchanges.error(ex, 400, "stream must be stdout or stderr");
        return;
      }
      Optional<TaskRow> row = view.service(service).map(ServiceView::status).map(ServiceStatus::tasks)
          .flatMap(tasks -> tasks.stream().filter(t -> t.name().equals(task)).findFirst());
      if (row.isEmpty() || row.get().taskId() == null || row.get().agentId() == null) {
        Exchanges.error(ex, 404, "no launched task " + task + " in service " + service);
        return;
      }
      if (master.isEmpty()) {
        Exchanges.error(ex, 503, "this replica has no Mesos master configured to find sandboxes through");
        return;
      }
      Exchanges.text(ex, 200, "text/plain; charset=utf-8", tail(row.get(), stream));
    } catch (SandboxException e) {
      Exchanges.error(ex, e.kind() == SandboxException.Kind.GONE ? 404 : 503, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Exchanges.error(ex, 503, "interrupted");
    }
  }

  /** The file's last 64 KiB, from a line start when it was cut. */
  private String tail(TaskRow row, String stream) throws SandboxException, InterruptedException {
    TaskSandbox sandbox = TaskSandbox.find(master.get(), row.taskId(), row.agentId(), stream);
    long size = sandbox.size();
    long from = Math.max(0, size - TAIL_BYTES);
    String text = new String(sandbox.read(from, (int) (size - from)), StandardCharsets.UTF_8);
    int firstLine = text.indexOf('\n');
    return from > 0 && firstLine >= 0 ? text.substring(firstLine + 1) : text;
  }
}
