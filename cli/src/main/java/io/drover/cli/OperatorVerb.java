package io.drover.cli;

import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.security.Secret;
import io.drover.controller.security.SecretSource;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.Durations;
import io.drover.controller.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What the operator verbs ({@code restart pod}, {@code replace pod}, {@code pause plan}, {@code
 * resume plan}) share. The scheduler on the leading replica carries these commands out, so they go
 * to its HTTP API: to the replica the election nodes in ZooKeeper name as leader, or to {@code
 * --controller}. With {@code --wait} the verb then follows the service's status in ZooKeeper until
 * the effect shows.
 */
abstract class OperatorVerb extends StoreVerb {

  static final String ENV_CONTROLLER = "DROVER_CONTROLLER";
  static final String ENV_TOKEN = "DROVER_API_TOKEN";

  /** The exit codes of every operator verb, after its own line for 0. */
  static final String NEGATIVE_LINE = "1:the service, pod instance or plan does not exist, the "
      + "service's state does not allow the action, or --wait timed out";
  static final String OPERATIONAL_LINE = "3:operational error (ZooKeeper or the controller "
      + "unreachable, no leader elected, the API token refused)";

  @Option(names = "--wait", description = "Wait until the effect shows in the service's status.")
  private boolean await;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "With --wait, give up after this long (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(names = "--controller", paramLabel = "URL",
      description = "A controller replica's HTTP API, e.g. https://drover.example.com (default: "
          + "$" + ENV_CONTROLLER + ", else the leader named in ZooKeeper).")
  private String controller;

  @Option(names = "--api-token-file", paramLabel = "FILE",
      description = "File holding the controllers' API token (default: the file named by $"
          + ENV_TOKEN + "_FILE, else $" + ENV_TOKEN + ").")
  private Path tokenFile;

  final boolean await() {
    return await;
  }

  final Duration timeout() {
    return timeout;
  }

  /** The service's stored document, or empty after reporting that the service does not exist. */
  final Optional<DesiredDocument> requireService(StoreSession session, String service)
      throws StoreException {
    Optional<DesiredDocument> desired = session.desired().read(service);
    if (desired.isEmpty()) {
      reportNotFound(service);
    }
    return desired;
  }

  /**
   * Sends the action at {@code path} and reports the answer: {@link ExitCodes#OK} once the
   * scheduler accepted and stored it, else the exit code of the refusal, already reported.
   *
   * @param what for messages, e.g. {@code restart of pod web-0}
   */
  final int send(StoreSession session, String service, String path, String what)
      throws StoreException, IOException, InterruptedException {
    ControllerApi.Reply reply = api(session).post(path);
    if (reply.accepted()) {
      context().out().println("service/" + service + ": " + what + " accepted");
      context().out().flush();
      return ExitCodes.OK;
    }
    String prefix = "error: service/" + service + ": " + what + " refused: ";
    switch (reply.status()) {
      case 404, 409 -> {
        context().err().println(prefix + reply.message());
        return ExitCodes.NEGATIVE;
      }
      case 401, 403 -> {
        context().err().println(prefix + reply.message() + " (pass --api-token-file FILE or set "
            + ENV_TOKEN + ")");
        return ExitCodes.OPERATIONAL;
      }
      default -> {
        context().err().println(prefix + "the controller answered " + reply.status() + ": "
            + reply.message());
        return ExitCodes.OPERATIONAL;
      }
    }
  }

  /** Waits for {@code condition}; on a timeout reports where the service stands. */
  final int awaitEffect(StoreSession session, String service, WaitCondition condition,
      String what) throws StoreException, InterruptedException {
    ServiceWaiter.Outcome outcome = waiter(session).await(service, condition,
        context().clock().instant().plus(timeout));
    if (!outcome.met()) {
      context().err().println("error: timed out after " + Durations.format(timeout)
          + " waiting for " + what + ": " + outcome.last().summary());
      return ExitCodes.NEGATIVE;
    }
    return ExitCodes.OK;
  }

  private ControllerApi api(StoreSession session) throws StoreException, IOException {
    Secret token;
    try {
      token = SecretSource.read("the API token", tokenFile, ENV_TOKEN, context().env())
          .orElse(null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine(), e.getMessage());
    }
    String url = controller != null ? controller : context().env().get(ENV_CONTROLLER);
    if (url != null && !url.isBlank()) {
      return new ControllerApi(controllerUri(url), token);
    }
    ReplicaInfo leader = session.leader().orElseThrow(() -> new IOException(
        "no controller replica leads right now (none is in the election in ZooKeeper): start "
            + "'drover controller', or pass --controller URL"));
    if (leader.httpAddress() == null) {
      throw new IOException("the leading replica " + leader.id() + " serves no HTTP API: pass "
          + "--controller URL");
    }
    return new ControllerApi(URI.create("http://" + leader.httpAddress() + "/"), token);
  }

  private URI controllerUri(String url) {
    try {
      URI uri = URI.create(url.endsWith("/") ? url : url + "/");
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // Reported below with the accepted form.
    }
    throw new ParameterException(commandLine(), "invalid controller URL '" + url
        + "': expected http://HOST:PORT or https://HOST[:PORT]");
  }
}
