package io.drover.mesoslocal.real;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a real master's {@code /state} to see which agents it has registered. */
final class MasterClient {

  /** A registered agent: its id, the port in its pid ({@code slave(1)@127.0.0.1:<port>}) and whether it is active. */
  record Agent(String id, int port, boolean active) {}

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String url;

  MasterClient(String url) {
    this.url = url;
  }

  /** The master's {@code /state}, or empty while it does not answer 200 (starting, electing, recovering). */
  Optional<JsonObject> state() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/state"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(JsonParser.parseString(response.body()).getAsJsonObject())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + url + "/state", e);
    }
  }

  /** The agents in {@code /state}'s {@code slaves}: registered, connected or not; not the unreachable ones. */
  List<Agent> agents() {
    List<Agent> out = new ArrayList<>();
    state().ifPresent(s -> {
      for (JsonElement e : s.getAsJsonArray("slaves")) {
        JsonObject a = e.getAsJsonObject();
        String pid = a.get("pid").getAsString();
        out.add(new Agent(a.get("id").getAsString(), Integer.parseInt(pid.substring(pid.lastIndexOf(':') + 1)),
            a.get("active").getAsBoolean()));
      }
    });
    return out;
  }
}
