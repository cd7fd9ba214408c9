package io.drover.chaos;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Ends a client's ZooKeeper session from the server side, as an expiry does: the servers of the
 * ensemble run in this JVM and register a {@code ConnectionMXBean} per client connection; its
 * {@code terminateSession} closes the session through the quorum (its ephemeral nodes go at once)
 * and the client learns of the expiry when it next talks to a server.
 */
final class SessionKiller {
  private SessionKiller() {}

  /** Closes session {@code id}; false when no server holds a connection of it now. */
  static boolean terminate(long id) throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (ObjectName name : server.queryNames(new ObjectName("org.apache.ZooKeeperService:*"), null)) {
      if (!name.getKeyPropertyListString().contains("Connections")) {
        continue;
      }
      Object session;
      try {
        session = server.getAttribute(name, "SessionId");
      } catch (JMException e) {
        continue; // not a connection bean, or the connection just closed
      }
      if (session instanceof String s && s.startsWith("0x") && Long.parseUnsignedLong(s.substring(2), 16) == id) {
        server.invoke(name, "terminateSession", null, null);
        return true;
      }
    }
    return false;
  }
}
