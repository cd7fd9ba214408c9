package io.drover.mesoslocal;

import com.google.protobuf.TextFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Turns what a scheduler sees into text that does not depend on which cluster answered: agents are
 * named by the slot they were first seen in (A0, A1, ...), ids and uuids are reduced to whether they
 * are there, timestamps and hostnames are left out. Everything else is kept as Mesos sent it.
 */
final class Observed {

  private final Map<String, String> agentNames = new LinkedHashMap<>();

  Observed(List<String> agentIds) {
    agentIds.forEach(this::agent);
  }

  /** A0, A1, ... by first sight; replaced agents get the next free name. */
  String agent(String id) {
    return agentNames.computeIfAbsent(id, k -> "A" + agentNames.size());
  }

  String agent(AgentID id) {
    return agent(id.getValue());
  }

  /** One event: its type and the fields a scheduler acts on. */
  String event(Event e) {
    return switch (e.getType()) {
      case SUBSCRIBED -> "SUBSCRIBED heartbeat_interval_seconds=" + e.getSubscribed().getHeartbeatIntervalSeconds()
          + " master_info.version=" + e.getSubscribed().getMasterInfo().getVersion();
      case OFFERS -> "OFFERS " + e.getOffers().getOffersList().stream().map(this::offer).toList();
      case UPDATE -> "UPDATE " + status(e.getUpdate().getStatus());
      case ERROR -> "ERROR " + e.getError().getMessage();
      case FAILURE -> "FAILURE " + (e.getFailure().hasAgentId() ? agent(e.getFailure().getAgentId()) : "")
          + (e.getFailure().hasExecutorId() ? " executor" : "");
      default -> e.getType().name();
    };
  }

  /** An offer: agent, allocation role (or "-"), its resources sorted. */
  String offer(Offer o) {
    return agent(o.getAgentId()) + " role=" + (o.hasAllocationInfo() ? o.getAllocationInfo().getRole() : "-")
        + " " + resources(o.getResourcesList());
  }

  static List<String> resources(List<Resource> resources) {
    List<String> out = new ArrayList<>();
    resources.forEach(r -> out.add(TextFormat.printer().shortDebugString(r)));
    out.sort(null);
    return out;
  }

  /**
   * Ids made from a master's id (framework, offer and agent ids) differ between clusters: {@code <id>};
   * so do agent hostnames (127.0.0.1 on the real agents, agent-N.local on mesos-local's): {@code <host>}.
   */
  static String ids(String text) {
    return text.replaceAll("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}(-[A-Z]?\\d+)?", "<id>")
        .replaceAll("agent-\\d+\\.local|127\\.0\\.0\\.1", "<host>");
  }

  /** A status: task, state, reason, source, uuid presence, agent, message; health and check status when set. */
  String status(TaskStatus s) {
    StringBuilder out = new StringBuilder(s.getTaskId().getValue()).append(' ').append(s.getState());
    out.append(" reason=").append(s.hasReason() ? s.getReason().name() : "-");
    out.append(" source=").append(s.hasSource() ? s.getSource().name() : "-");
    out.append(" uuid=").append(s.hasUuid() ? "yes" : "no");
    out.append(" agent=").append(s.hasAgentId() ? agent(s.getAgentId()) : "-");
    out.append(" executor_id=").append(s.hasExecutorId() ? "yes" : "no");
    if (s.hasHealthy()) {
      out.append(" healthy=").append(s.getHealthy());
    }
    if (s.hasCheckStatus()) {
      out.append(" check_status={").append(TextFormat.printer().shortDebugString(s.getCheckStatus())).append('}');
    }
    if (s.hasUnreachableTime()) {
      out.append(" unreachable_time=yes");
    }
    out.append(" message='").append(ids(s.getMessage())).append('\'');
    return out.toString();
  }
}
