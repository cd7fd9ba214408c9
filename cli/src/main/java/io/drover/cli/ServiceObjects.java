package io.drover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.drover.api.Problem;
import io.drover.api.model.ServiceResource;
import io.drover.api.status.Phase;
import io.drover.controller.store.DesiredDocument;
import java.util.List;

/**
 * Services as kubectl prints objects with {@code -o yaml|json}: the desired document (with every
 * default applied) and its status in one object. A service whose newest document is invalid shows
 * phase Invalid and the document's errors in its status.
 */
final class ServiceObjects {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      // "1" must stay a string (env values, labels), so that the output applies again.
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  private ServiceObjects() {}

  /** The text of one object, or of a {@code List} of them when {@code asList}. */
  static String render(List<ServiceView> views, boolean asList, boolean yaml) {
    ObjectNode root;
    if (asList) {
      root = JsonNodeFactory.instance.objectNode();
      root.put("apiVersion", "v1");
      root.put("kind", "List");
      ArrayNode items = root.putArray("items");
      views.forEach(v -> items.add(object(v)));
    } else {
      root = object(views.get(0));
    }
    try {
      return yaml ? YAML.writeValueAsString(root) : JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  static ObjectNode object(ServiceView view) {
    DesiredDocument desired = view.desired();
    ObjectNode object;
    if (desired != null && desired.valid()) {
      object = JSON.valueToTree(desired.loaded().resource());
    } else {
      object = JsonNodeFactory.instance.objectNode();
      object.put("apiVersion", ServiceResource.API_VERSION);
      object.put("kind", ServiceResource.KIND);
      object.putObject("metadata").put("name", view.name());
    }
    ObjectNode metadata = object.withObjectProperty("metadata");
    if (desired != null) {
      metadata.put("generation", desired.generation());
      metadata.put("creationTimestamp", desired.created().toString());
    }
    ObjectNode status = status(view);
    if (!status.isEmpty()) {
      object.set("status", status);
    }
    return object;
  }

  private static ObjectNode status(ServiceView view) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    if (view.status() != null) {
      if (view.status().status() != null) {
        status = JSON.valueToTree(view.status().status());
      } else {
        status.put("error", view.status().error());
      }
    }
    DesiredDocument desired = view.desired();
    if (desired != null && !desired.valid()) {
      status.put("phase", Phase.INVALID.json());
      ArrayNode errors = status.putArray("errors");
      for (Problem p : desired.loaded().problems()) {
        errors.add(p.toString());
      }
    }
    return status;
  }
}
