package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import io.drover.mesoslocal.real.RealMesos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Secret;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Differential scenarios of what reaches a task's sandbox: fetched URIs, secrets, config files. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DifferentialSandboxTest extends DifferentialBase {

  Path files;

  @BeforeAll
  void makeFiles() throws Exception {
    files = Files.createTempDirectory("differential-files-");
    FetcherTest.Archives.tarball(files, "app.tar.gz", "app/run.sh", "#!/bin/sh\necho from-tarball\n");
    Files.writeString(files.resolve("tool"), "#!/bin/sh\necho tool-ran\n");
  }

  @AfterAll
  void removeFiles() throws Exception {
    try (var walk = Files.walk(files)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  @Order(1)
  void fetch() throws Exception {
    check("Fetch: a tarball extracted (the archive stays), an executable under its output_file", run -> {
      TestScheduler s = acking(run, drover("fetch", "fetch").build());
      Offer offer = offerFrom(run, s, 0, new java.util.HashSet<>());
      String cmd = "test \"$(sh app/run.sh)\" = from-tarball && test -f app.tar.gz && test \"$(./bin/tool)\" = tool-ran";
      TaskInfo task = TestScheduler.task("f-ok", offer, cmd, 0.1, 32).toBuilder()
          .setCommand(CommandInfo.newBuilder().setValue(cmd)
              .addUris(CommandInfo.URI.newBuilder().setValue("file://" + files.resolve("app.tar.gz")))
              .addUris(CommandInfo.URI.newBuilder().setValue("file://" + files.resolve("tool")).setExecutable(true)
                  .setOutputFile("bin/tool")))
          .build();
      s.launch(offer, task);
      s.awaitUpdate("f-ok", TaskState.TASK_FINISHED);
      run.note("updates: " + statuses(run, s, "f-ok"));
    });
  }

  @Test
  @Order(2)
  void failedFetch() throws Exception {
    check("Fetch of a missing file", run -> {
      TestScheduler s = acking(run, drover("fetch-fail", "fetch-fail").build());
      Offer offer = offerFrom(run, s, 0, new java.util.HashSet<>());
      TaskInfo task = TestScheduler.task("f-missing", offer, "true", 0.1, 32).toBuilder()
          .setCommand(CommandInfo.newBuilder().setValue("true")
              .addUris(CommandInfo.URI.newBuilder().setValue("file://" + files.resolve("missing.tgz"))))
          .build();
      s.launch(offer, task);
      s.awaitUpdate("f-missing", TaskState.TASK_FAILED);
      run.note("updates: " + statuses(run, s, "f-missing"));
    });
  }

  @Test
  @Order(3)
  void secrets() throws Exception {
    check("SECRET environment variables: a VALUE reaches the task, /state does not show it, a REFERENCE fails", run -> {
      TestScheduler s = acking(run, drover("secret", "secret").build());
      Offer offer = offerFrom(run, s, 0, new java.util.HashSet<>());
      String cmd = "test \"$DB_PASSWORD\" = " + SECRET;
      TaskInfo valued = TestScheduler.task("s-value", offer, cmd, 0.1, 32).toBuilder()
          .setCommand(CommandInfo.newBuilder().setValue(cmd).setEnvironment(Environment.newBuilder()
              .addVariables(secret("DB_PASSWORD", Secret.newBuilder().setType(Secret.Type.VALUE)
                  .setValue(Secret.Value.newBuilder().setData(ByteString.copyFromUtf8(SECRET)))))))
          .build();
      TaskInfo referenced = TestScheduler.task("s-reference", offer, "true", 0.1, 32).toBuilder()
          .setCommand(CommandInfo.newBuilder().setValue("true").setEnvironment(Environment.newBuilder()
              .addVariables(secret("DB_PASSWORD", Secret.newBuilder().setType(Secret.Type.REFERENCE)
                  .setReference(Secret.Reference.newBuilder().setName("db-pass"))))))
          .build();
      s.launch(offer, valued, referenced);
      s.awaitUpdate("s-value", TaskState.TASK_FINISHED);
      s.awaitUpdate("s-reference", TaskState.TASK_FAILED);
      run.note("value: " + statuses(run, s, "s-value"));
      run.note("reference: " + statuses(run, s, "s-reference"));
      JsonObject master = Differential.state(run.url());
      run.note("the value in the master's /state: " + master.toString().contains(SECRET));
      if (run.cluster() instanceof RealMesos) {
        // mesos-local has no agent endpoints; the real agent's /state must not show the value either.
        String pid = java.util.stream.StreamSupport.stream(master.getAsJsonArray("slaves").spliterator(), false).map(JsonElement::getAsJsonObject)
            .filter(a -> a.get("id").getAsString().equals(offer.getAgentId().getValue()))
            .findFirst().orElseThrow().get("pid").getAsString();
        assertThat(Differential.state("http://" + pid.substring(pid.indexOf('@') + 1)).toString()).contains("s-value")
            .doesNotContain(SECRET);
      }
    });
  }

  @Test
  @Order(4)
  void configFile() throws Exception {
    check("A config file carried in an environment variable and written before the command, as Drover renders it", run -> {
      TestScheduler s = acking(run, drover("config", "config").build());
      Offer offer = offerFrom(run, s, 0, new java.util.HashSet<>());
      String content = "listen = 31042\nname = \"it's\" $HOME `x`\n";
      String cmd = "mkdir -p 'conf' && printf '%s' \"$DROVER_CONFIG_APP\" > 'conf/app.conf' || exit 1\n"
          + "test \"$(cat conf/app.conf; echo .)\" = \"$(printf '%s.' \"$EXPECTED\")\"";
      TaskInfo task = TestScheduler.task("c-file", offer, cmd, 0.1, 32).toBuilder()
          .setCommand(CommandInfo.newBuilder().setValue(cmd).setEnvironment(Environment.newBuilder()
              .addVariables(Environment.Variable.newBuilder().setName("DROVER_CONFIG_APP").setValue(content))
              .addVariables(Environment.Variable.newBuilder().setName("EXPECTED").setValue(content))))
          .build();
      s.launch(offer, task);
      s.awaitUpdate("c-file", TaskState.TASK_FINISHED);
      run.note("updates: " + statuses(run, s, "c-file"));
    });
  }

  private static final String SECRET = "pa55-w0rd-in-env";

  private static Environment.Variable secret(String name, Secret.Builder secret) {
    return Environment.Variable.newBuilder().setName(name).setType(Environment.Variable.Type.SECRET).setSecret(secret)
        .build();
  }
}
