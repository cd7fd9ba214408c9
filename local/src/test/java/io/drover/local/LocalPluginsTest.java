package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.cli.CliContext;
import io.drover.cli.Main;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With this module on the class path, {@code drover} has {@code local} and {@code mesos-local}. */
class LocalPluginsTest {

  @ParameterizedTest
  @ValueSource(strings = {"local", "mesos-local"})
  void theDroverCommandHasTheVerbAndListsIt(String verb) {
    StringWriter out = new StringWriter();
    CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        InputStream.nullInputStream(), Map.of(), false, Clock.systemUTC(), Path.of("."));

    assertThat(Main.run(context, verb, "--help")).isZero();
    assertThat(out.toString()).contains("Usage: drover " + verb);
    out.getBuffer().setLength(0);
    assertThat(Main.run(context, "--help")).isZero();
    assertThat(out.toString().lines().map(String::strip)).anyMatch(l -> l.startsWith(verb + " "));
  }

  @Test
  void mesosLocalsHelpNamesTheControllersMasterFlag() {
    StringWriter out = new StringWriter();
    CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        InputStream.nullInputStream(), Map.of(), false, Clock.systemUTC(), Path.of("."));

    assertThat(Main.run(context, "mesos-local", "--help")).isZero();
    String help = out.toString().replaceAll("\\s+", " ");
    assertThat(help).contains("'drover controller --master'").doesNotContain("--mesos ")
        .doesNotContain("--mesos'");
    out.getBuffer().setLength(0);
    assertThat(Main.run(context, "controller", "--help")).isZero();
    assertThat(out.toString()).contains("--master");
  }
}
