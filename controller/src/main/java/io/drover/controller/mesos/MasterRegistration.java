package io.drover.controller.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.mesos.v1.Protos.MasterInfo;

/**
 * One master's ZooKeeper registration: the sequence of its {@code json.info_<seq>} node (lowest
 * leads) and the HTTP address taken from the MasterInfo JSON it holds.
 */
record MasterRegistration(long sequence, URI uri) {

  static final String PREFIX = "json.info_";

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  /** The sequence of a child node name, or empty when it is not a {@code json.info_} node. */
  static Optional<Long> sequenceOf(String nodeName) {
    if (!nodeName.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(nodeName.substring(PREFIX.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses the MasterInfo JSON of a registration. The address prefers the IP (what Mesos's own
   * scheduler library dials), then the hostname.
   *
   * @throws IllegalArgumentException when the JSON is not a MasterInfo with an address
   */
  static MasterRegistration parse(long sequence, byte[] json) {
    MasterInfo.Builder info = MasterInfo.newBuilder();
    try {
      PARSER.merge(new String(json, StandardCharsets.UTF_8), info);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("master registration is not MasterInfo JSON: "
          + e.getMessage(), e);
    }
    String host = hostOf(info);
    int port = info.getAddress().hasPort() ? info.getAddress().getPort() : info.getPort();
    if (host.isEmpty() || port <= 0) {
      throw new IllegalArgumentException("master registration has no address: " + info);
    }
    try {
      return new MasterRegistration(sequence, new URI("http", null, host, port, null, null, null));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("master registration has an invalid host '" + host + "'", e);
    }
  }

  private static String hostOf(MasterInfo.Builder info) {
    if (!info.getAddress().getIp().isEmpty()) {
      return info.getAddress().getIp();
    }
    if (info.getIp() != 0) {
      // MasterInfo.ip is the IPv4 address in network byte order read as a little-endian integer.
      int ip = info.getIp();
      return (ip & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + (ip >>> 24);
    }
    if (!info.getAddress().getHostname().isEmpty()) {
      return info.getAddress().getHostname();
    }
    return info.getHostname();
  }
}
