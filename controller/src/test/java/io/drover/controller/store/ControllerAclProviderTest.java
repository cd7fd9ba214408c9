package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The provider's refresh on a connection's event, which Curator may deliver after the client closed. */
class ControllerAclProviderTest {

  @Test
  void aRefreshOfAClientClosedSinceItConnectedWarnsOfNothing() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(ControllerAclProvider.class);
    logs.start();
    logger.addAppender(logs);
    try (TestingServer server = new TestingServer()) {
      ControllerAclProvider provider = ControllerAclProvider.create(ZkSettings.of(server.getConnectString()));
      CuratorFramework client = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
          .retryPolicy(new RetryOneTime(100)).aclProvider(provider).build();
      client.start();
      client.close();

      provider.refresh(client);

      assertThat(logs.list).isEmpty();
    } finally {
      logger.detachAppender(logs);
    }
  }
}
