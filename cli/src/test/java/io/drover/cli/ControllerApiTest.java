package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which redirects the operator verbs follow (the requests themselves: OperatorVerbsTest). */
class ControllerApiTest {

  @Test
  void aStandbysRedirectToTheLeaderIsFollowed() throws IOException {
    URI from = URI.create("http://10.0.0.5:8080/v1/services/web/pods/web-0/restart");
    URI secure = URI.create("https://proxy/drover/v1/x");

    assertThat(ControllerApi.redirect(from, "http://10.0.0.6:8080/v1/services/web"))
        .isEqualTo(URI.create("http://10.0.0.6:8080/v1/services/web"));
    assertThat(ControllerApi.redirect(secure, "https://other/v1/x"))
        .isEqualTo(URI.create("https://other/v1/x"));
  }

  @Test
  void aRedirectFromHttpsToPlainHttpIsRefused() {
    URI from = URI.create("https://drover.example.com/v1/services/web/plans/deploy/pause");

    assertThatThrownBy(() -> ControllerApi.redirect(from, "http://10.0.0.6:8080/v1/services/web"))
        .isInstanceOf(IOException.class)
        .hasMessage("the controller at drover.example.com redirected to the leader at "
            + "10.0.0.6:8080 over plain HTTP, which would expose the request and its token: pass "
            + "--controller with an HTTPS address that reaches the leader");
  }
}
