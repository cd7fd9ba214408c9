package io.drover.controller.mesos;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A fixed list of masters from {@code http[s]://h:p[,h:p...]} (scheme optional, http assumed). */
final class StaticMasterDetector implements MasterDetector {

  private final List<URI> masters;
  private volatile int preferred;

  private StaticMasterDetector(List<URI> masters) {
    this.masters = List.copyOf(masters);
  }

  static StaticMasterDetector forUrl(String url) {
    String scheme = "http";
    String rest = url;
    int sep = url.indexOf("://");
    if (sep >= 0) {
      scheme = url.substring(0, sep).toLowerCase();
      rest = url.substring(sep + 3);
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("Mesos master URL '" + url + "' has scheme '" + scheme
          + "'; use http://host:port[,host:port...] or zk://host:port[,...]/path");
    }
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    List<URI> masters = new ArrayList<>();
    for (String hostPort : rest.split(",")) {
      masters.add(hostPortUri(url, scheme, hostPort.trim()));
    }
    return new StaticMasterDetector(masters);
  }

  private static URI hostPortUri(String url, String scheme, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (hostPort.isEmpty() || colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("Mesos master URL '" + url + "' has '" + hostPort
          + "' where host:port is expected, e.g. http://10.0.0.1:5050,10.0.0.2:5050");
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      return new URI(scheme, null, hostPort.substring(0, colon), port, null, null, null);
    } catch (NumberFormatException | java.net.URISyntaxException e) {
      throw new IllegalArgumentException("Mesos master URL '" + url + "' has an invalid address '"
          + hostPort + "': " + e.getMessage(), e);
    }
  }

  /** The list rotated to start at the master that last accepted a SUBSCRIBE. */
  @Override
  public List<URI> candidates() {
    int first = preferred;
    List<URI> rotated = new ArrayList<>(masters.size());
    for (int i = 0; i < masters.size(); i++) {
      rotated.add(masters.get((first + i) % masters.size()));
    }
    return rotated;
  }

  @Override
  public void subscribedVia(URI candidate) {
    int index = masters.indexOf(candidate);
    if (index >= 0) {
      preferred = index;
    }
  }

  @Override
  public void start() {}

  @Override
  public void onLeaderChange(Runnable onLeaderChange) {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "masters " + masters;
  }
}
