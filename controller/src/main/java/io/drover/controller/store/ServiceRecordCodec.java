package io.drover.controller.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import io.drover.reconcile.state.TaskRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The JSON of the ServiceStore's nodes. The spec node holds the canonical document, read back
 * through {@link Services#load}, so a stored spec is validated and defaulted like a fresh one.
 * TaskInfo and TaskStatus are stored as base64 protobuf: exact, and tolerant of unknown fields.
 */
final class ServiceRecordCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServiceRecordCodec() {}

  /**
   * The spec node: {@code {"specHash", "generation", "document": <canonical JSON of the document>}}.
   * The document is embedded as JSON, not as an escaped string, so the node is the canonical form's
   * size plus a few bytes: validation bounds that size, so the node fits ZooKeeper's request limit.
   */
  static byte[] spec(Target t) {
    String head = "{\"specHash\":" + quote(t.specHash()) + ",\"generation\":" + t.generation() + ",\"document\":";
    return (head + t.canonicalJson() + "}").getBytes(StandardCharsets.UTF_8);
  }

  static Target spec(String path, byte[] data) throws IOException {
    JsonNode n = JSON.readTree(data);
    // Records written before the rename call the spec hash "configId".
    String specHash = text(n, n.has("specHash") ? "specHash" : "configId", path);
    long generation = n.path("generation").asLong(-1);
    // Records written before the document was embedded hold it as a string in "resource".
    byte[] document = n.has("document") ? JSON.writeValueAsBytes(n.get("document"))
        : text(n, "resource", path).getBytes(StandardCharsets.UTF_8);
    LoadedDocument doc = Services.loadCanonical(path, document);
    if (!doc.valid()) {
      throw new IOException(path + ": the stored spec is not a valid Service document any more: "
          + doc.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
    return Target.of(specHash, generation, doc.resource());
  }

  /** The state node: config last deployed, whether a configuration update ever came, paused plans. */
  static byte[] state(ServiceRecord r) {
    ObjectNode n = JSON.createObjectNode();
    if (r.deployedSpecHash() != null) {
      n.put("deployedSpecHash", r.deployedSpecHash());
    }
    n.put("updated", r.updated());
    ArrayNode paused = n.putArray("pausedPlans");
    r.pausedPlans().forEach(paused::add);
    return bytes(n);
  }

  /** Applies a state node to a record read so far. */
  static ServiceRecord state(ServiceRecord r, byte[] data) throws IOException {
    FlatJson n = FlatJson.parse(data);
    String deployedKey = n.has("deployedSpecHash") ? "deployedSpecHash" : "deployedConfigId"; // the older name
    ServiceRecord out = r.withDeployed(n.hasNonNull(deployedKey) ? n.asText(deployedKey, null) : null);
    // Written by versions that did not store it: an update still rolling out is one (so a paused
    // "update" plan stays paused); a completed rollout shows as deploy until the next update.
    boolean rolling = out.deployedSpecHash() != null && !out.deployedSpecHash().equals(out.target().specHash());
    out = out.withUpdated(n.has("updated") ? n.asBoolean("updated") : rolling);
    for (String p : n.strings("pausedPlans")) {
      out = out.withPaused(p, true);
    }
    return out;
  }

  static byte[] uninstalling(Instant since) {
    ObjectNode n = JSON.createObjectNode();
    n.put("since", since.toString());
    return bytes(n);
  }

  static Instant uninstalling(String path, byte[] data) throws IOException {
    return Instant.parse(text(JSON.readTree(data), "since", path));
  }

  static byte[] task(TaskRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("info", Base64.getEncoder().encodeToString(r.serializedInfo().toByteArray()));
    if (r.status() != null) {
      n.put("status", Base64.getEncoder().encodeToString(r.status().toByteArray()));
    }
    n.put("hostname", r.hostname());
    n.put("goalReached", r.goalReached());
    n.put("replace", r.replace());
    ArrayNode confirmed = n.putArray("confirmedIds");
    r.confirmedIds().forEach(confirmed::add);
    ArrayNode released = n.putArray("releasedIds");
    r.releasedIds().forEach(released::add);
    if (r.agentStatus() != null) {
      n.put("agentStatus", Base64.getEncoder().encodeToString(r.agentStatus().toByteArray()));
    }
    return bytes(n);
  }

  static TaskRecord task(String path, byte[] data) throws IOException {
    FlatJson n = FlatJson.parse(data);
    try {
      TaskInfo info = TaskInfo.parseFrom(Base64.getDecoder().decode(text(n, "info", path)));
      TaskRecord r =
          new TaskRecord(info, n.asText("hostname", ""), status(n, "status"), n.asBoolean("goalReached"),
              n.asBoolean("replace"), new LinkedHashSet<>(n.strings("confirmedIds")),
              new LinkedHashSet<>(n.strings("releasedIds")), status(n, "agentStatus"));
      r.taskName(); // fails now, not later, when Drover's labels are missing
      return r;
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new IOException(path + ": unreadable task record: " + e.getMessage(), e);
    }
  }

  private static TaskStatus status(FlatJson n, String field) throws InvalidProtocolBufferException {
    return n.hasNonNull(field) ? TaskStatus.parseFrom(Base64.getDecoder().decode(n.asText(field, ""))) : null;
  }

  private static String text(FlatJson n, String field, String path) throws IOException {
    String v = n.textual(field);
    if (v == null) {
      throw new IOException(path + ": missing field '" + field + "'");
    }
    return v;
  }

  private static String text(JsonNode n, String field, String path) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException(path + ": missing field '" + field + "'");
    }
    return v.asText();
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
