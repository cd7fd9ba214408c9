package io.drover.cli;

import io.drover.api.Services;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.ZkClientConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * A head start, on a second thread, for the start-up work of {@code validate} and of the verbs that
 * read the store: the document machinery (YAML, the JSON schema, Jackson's bindings of a Service
 * and a status: a document and a status decoded once; the schema and rules left out for the verbs
 * that only show stored documents, which a status's check spares them), logging's set-up ({@link #awaitLogging})
 * and, for the store verbs, the ZooKeeper client's configuration ({@link ZkClientConfigs}; when the
 * command may connect with TLS, ZooKeeper's {@code X509Util} asks for the JDK's default TLS context,
 * and {@link DeferredDefaultSslContext}, installed first, keeps that from loading the trust store).
 * The main thread
 * meanwhile builds the command (picocli: about 0.1 s) and connects or reads its files; whichever
 * thread comes second to a class finds it initialised or waits for it, so no work is done twice and
 * a core that would sit idle during start-up does some of it.
 *
 * <p>Both threads reach each library through the same entry ({@link ZkClientConfigs}, {@link
 * Services#load}, {@link Services#statusMapper}), so they initialise classes in the same order.
 * A thread of its own class rather than a lambda: a lambda's first call spins method handles
 * (tens of milliseconds) unless the class-data-sharing archive holds it. Only {@link Main#main}
 * starts it (and the archive's training, so that the archive has its classes): in-process runs
 * such as the tests are warm already.
 */
final class StartupWarmup extends Thread {

  static final byte[] DOCUMENT = """
      apiVersion: drover.io/v1
      kind: Service
      metadata:
        name: warm-up
        labels:
          team: drover
      spec:
        pods:
          web:
            count: 1
            tasks:
              server:
                goal: RUNNING
                cmd: "sleep 1"
                cpus: 0.1
                memory: 32
                ports:
                  http: {port: 0}
                env: {GREETING: hello}
      """.getBytes(StandardCharsets.UTF_8);

  static final byte[] STATUS = """
      {"observedGeneration": 0, "phase": "Running",
       "conditions": [{"type": "Ready", "status": "True", "reason": "AllTasksReady",
                       "lastTransitionTime": "2026-01-01T10:00:00Z"}]}
      """.getBytes(StandardCharsets.UTF_8);

  private static final Set<String> RESOURCE_TYPES = Set.of("service", "services", "svc");

  /**
   * The verbs that decode only stored documents, to show them: with the controller's check of the
   * stored version in the status they skip the checks ({@link ServiceViews}), so their head start
   * warms only what that decode uses.
   */
  private static final Set<String> SHOWING_VERBS = Set.of("describe", "get", "logs");

  /** The verbs that usually decode no document ({@link HeadStartArgs#decodesDocuments} says which). */
  private static final Set<String> UNDECODING_VERBS = Set.of("wait", "apply", "diff");

  /** The head start this process started, or null (none started, or an in-process run). */
  private static volatile StartupWarmup started;

  private final boolean zooKeeper;
  /** Whether the command may connect to ZooKeeper with TLS ({@link #mayUseTls}). */
  private final boolean tls;
  /** Whether the command reads statuses whole ({@link HeadStartArgs#readsWholeStatuses}). */
  private final boolean statuses;
  private final boolean documents;
  /** Whether the document decoded is checked too (else only read, bound and defaulted). */
  private final boolean checked;
  /** Open once logging is set up: until then no other thread may touch a library that logs. */
  private final CountDownLatch logging = new CountDownLatch(1);

  private StartupWarmup(boolean zooKeeper, boolean tls, boolean documents, boolean checked,
      boolean statuses) {
    super("drover-warm-up");
    setDaemon(true);
    this.zooKeeper = zooKeeper;
    this.tls = tls;
    this.statuses = statuses;
    this.documents = documents;
    this.checked = checked;
  }

  /**
   * Starts the head start when {@code args} name {@code validate} or a verb that reads the store,
   * and returns at once: the started thread, or null when there is nothing to warm up.
   */
  static Thread startFor(String[] args) {
    Class<?> verb = args.length == 0 ? null : Main.VERBS.get(args[0]);
    boolean store = verb != null && StoreVerb.class.isAssignableFrom(verb);
    if (!store && verb != ValidateCommand.class) {
      return null;
    }
    HeadStartArgs parsed = HeadStartArgs.of(args);
    boolean documents = parsed.decodesDocuments();
    boolean tls = store && mayUseTls(args, System.getenv(ZkOptions.ENV_CLIENT_CONFIG));
    if (tls && documents) {
      // Before anything asks for the default TLS context: ZooKeeper's client does, on both threads.
      DeferredDefaultSslContext.install();
    }
    StartupWarmup thread =
        new StartupWarmup(store, tls, documents, !SHOWING_VERBS.contains(args[0]),
            parsed.readsWholeStatuses());
    started = thread;
    thread.start();
    return thread;
  }

  /**
   * Waits until the head start has set up logging, if one was started; the command calls this
   * after parsing its arguments and before running (picocli logs nothing). Logging is set up on
   * the head start's thread, while this one builds the command: a library that logged while
   * another thread was setting up logging would have its lines held back and replayed, with a
   * notice on standard error, so nothing that logs runs here before that is done.
   */
  static void awaitLogging() {
    StartupWarmup thread = started;
    if (thread == null) {
      return;
    }
    try {
      thread.logging.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What the head start reads of the command line, parsed once: the verb and, for {@code get},
   * whether the arguments name services (or none at all, a usage error) and the output format
   * ({@code table} when not given).
   */
  record HeadStartArgs(String verb, boolean named, String format) {
    static HeadStartArgs of(String[] args) {
      if (!"get".equals(args[0])) {
        return new HeadStartArgs(args[0], false, "");
      }
      int positional = 0;
      boolean named = false;
      String format = "table";
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-o") || arg.equals("--output")) {
          format = i + 1 < args.length ? args[++i] : "";
        } else if (arg.startsWith("--output=")) {
          format = arg.substring("--output=".length());
        } else if (arg.startsWith("-o")) {
          format = arg.substring(2).replaceFirst("^=", "");
        } else if (!arg.startsWith("-") && (positional++ > 0 || !RESOURCE_TYPES.contains(arg))) {
          named = true; // a name: get service NAME decodes it
        }
      }
      return new HeadStartArgs("get", named || positional == 0, format);
    }

    /**
     * Whether the command is likely to decode a Service document: every verb warmed up here but
     * {@code get services} as a table (also {@code -o wide} or {@code -o name}), which takes what
     * it shows from the statuses ({@link ServiceRows}); {@code wait}, which decodes nothing when
     * the status shows its condition met ({@link WaitCondition#metUndecoded}); and {@code apply}
     * and {@code diff}, which decode nothing when the store vouches for their files as stored
     * ({@link DocumentBatch}), as on every re-apply of unchanged files. Any of them would leave a
     * warmed-up document decoder unused while that work competed with it for the second core. A
     * guess only: a command that does decode without the head start takes longer, nothing else
     * (an {@code apply} of a changed file took as long as before its head start stopped warming
     * the checks: 0.59 s).
     */
    boolean decodesDocuments() {
      if (UNDECODING_VERBS.contains(verb)) {
        return false;
      }
      return !"get".equals(verb) || named || format.equals("yaml") || format.equals("json");
    }

    /**
     * Whether the command is likely to read statuses whole: every verb warmed up here but {@code
     * get services} as a table, which reads only the table's fields of each ({@link
     * TableStatusReader}), or {@code -o name}, which reads none.
     */
    boolean readsWholeStatuses() {
      return !"get".equals(verb) || named || !format.equals("table") && !format.equals("name");
    }
  }

  /**
   * Whether the command may connect to ZooKeeper with TLS: a client configuration file named by
   * {@code --zk-client-config} or {@code clientConfigEnv} ({@code $DROVER_ZK_CLIENT_CONFIG}), or
   * {@code zookeeper.client.secure} set. Only then does ZooKeeper's client ask for the JDK's TLS
   * defaults ({@link ZkClientConfigs}); a plaintext one does not.
   */
  static boolean mayUseTls(String[] args, String clientConfigEnv) {
    if (clientConfigEnv != null && !clientConfigEnv.isBlank()
        || ZkClientConfigs.secureBySystemProperty()) {
      return true;
    }
    for (String arg : args) {
      if (arg.equals("--zk-client-config") || arg.startsWith("--zk-client-config=")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run() {
    try {
      if (tls && !documents) {
        // Here, not on the main thread, when this thread has no document to decode (the longest
        // part of its work otherwise): still before the main thread may use ZooKeeper's client,
        // which it does only after awaitLogging.
        DeferredDefaultSslContext.install();
      }
      LoggerFactory.getILoggerFactory();
    } finally {
      logging.countDown();
    }
    try {
      if (zooKeeper) {
        ZkClientConfigs.fromSystemProperties();
      }
      if (documents) {
        if (checked) {
          Services.load("warm-up", DOCUMENT);
        } else {
          Services.loadKnownValid("warm-up", DOCUMENT);
        }
      }
      if (statuses) {
        Services.statusMapper().readValue(STATUS, ServiceStatus.class);
      }
    } catch (IOException | RuntimeException e) {
      // Only a head start: the command does the same work itself and reports what goes wrong.
    }
  }
}
