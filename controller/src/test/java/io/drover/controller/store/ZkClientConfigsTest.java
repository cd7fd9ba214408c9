package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ZKConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration without TLS takes from the system properties everything ZooKeeper's own does
 * but the TLS settings, so a ZooKeeper upgrade that copies another property fails here.
 */
class ZkClientConfigsTest {

  private final Map<String, String> saved = new HashMap<>();

  @AfterEach
  void restoreSystemProperties() {
    saved.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }

  @Test
  void copiesEveryPropertyZooKeeperCopiesButTheTlsSettings() throws Exception {
    Set<String> stockNames = names(new ZKClientConfig());
    Set<String> plain = new TreeSet<>(stockNames);
    plain.removeIf(ZkClientConfigsTest::tls);
    assertThat(plain).hasSizeGreaterThan(10);
    // Each property set to a value of its own (a valid one where the client parses it at once).
    int n = 0;
    for (String name : plain) {
      set(name, name.equals(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT) ? "1234" : "value-" + n++);
    }
    set(ZKClientConfig.SECURE_CLIENT, "false");

    ZKClientConfig stock = new ZKClientConfig();
    ZKClientConfig config = ZkClientConfigs.fromSystemProperties();

    assertThat(config.getClass()).isNotEqualTo(ZKClientConfig.class);
    assertThat(names(config)).containsExactlyInAnyOrderElementsOf(plain);
    for (String name : plain) {
      assertThat(config.getProperty(name)).as(name).isEqualTo(stock.getProperty(name));
    }
    assertThat(config.getProperty(ZKClientConfig.JUTE_MAXBUFFER)).isEqualTo(
        System.getProperty(ZKClientConfig.JUTE_MAXBUFFER));
  }

  @Test
  void asksForTlsAsZooKeeperReadsTheSecureProperty() {
    set(ZKClientConfig.SECURE_CLIENT, " true ");
    set("zookeeper.ssl.trustStore.location", "/etc/drover/truststore.p12");

    ZKClientConfig config = ZkClientConfigs.fromSystemProperties();

    assertThat(ZkClientConfigs.secureBySystemProperty()).isTrue();
    assertThat(config.getClass()).isEqualTo(ZKClientConfig.class);
    assertThat(config.getBoolean(ZKClientConfig.SECURE_CLIENT)).isTrue();
    assertThat(config.getProperty("zookeeper.ssl.trustStore.location"))
        .isEqualTo("/etc/drover/truststore.p12");
  }

  @Test
  void withoutTheSecurePropertyNoTlsSettingIsTaken() {
    saved.putIfAbsent(ZKClientConfig.SECURE_CLIENT, System.getProperty(ZKClientConfig.SECURE_CLIENT));
    System.clearProperty(ZKClientConfig.SECURE_CLIENT);
    set("zookeeper.ssl.trustStore.location", "/etc/drover/truststore.p12");

    ZKClientConfig config = ZkClientConfigs.fromSystemProperties();

    assertThat(ZkClientConfigs.secureBySystemProperty()).isFalse();
    assertThat(config.getBoolean(ZKClientConfig.SECURE_CLIENT)).isFalse();
    assertThat(config.getProperty("zookeeper.ssl.trustStore.location")).isNull();
  }

  /** What ZooKeeper's TLS utilities copy: only a TLS connection reads them. */
  private static boolean tls(String name) {
    return name.startsWith("zookeeper.ssl.") || name.equals("zookeeper.fips-mode");
  }

  private void set(String name, String value) {
    saved.putIfAbsent(name, System.getProperty(name));
    System.setProperty(name, value);
  }

  /** The names a configuration holds, values or not (ZooKeeper offers no listing). */
  private static Set<String> names(ZKConfig config) throws ReflectiveOperationException {
    Field properties = ZKConfig.class.getDeclaredField("properties");
    properties.setAccessible(true);
    return new TreeSet<>(((Map<?, ?>) properties.get(config)).keySet().stream()
        .map(String::valueOf).toList());
  }
}
