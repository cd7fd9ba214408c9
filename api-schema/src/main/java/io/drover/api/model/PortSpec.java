package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/** A named port: a fixed {@code port}, or 0 for any port the offer has. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortSpec(Integer port) {
  /** The value of {@code port} that asks for any offered port. */
  public static final int ANY = 0;

  /**
   * The environment variable a port is exported as: {@code PORT_} and the port's name in upper
   * case with {@code -} as {@code _} ({@code http-admin} becomes {@code PORT_HTTP_ADMIN}).
   */
  public static String envName(String portName) {
    return "PORT_" + portName.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
