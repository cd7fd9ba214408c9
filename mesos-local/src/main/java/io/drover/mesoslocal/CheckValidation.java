package io.drover.mesoslocal;

import com.google.protobuf.ByteString;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.Secret;

/**
 * The checks of {@code common::validation} (src/common/validation.cpp) for the parts of a TaskInfo
 * that carry commands: {@code validateHealthCheck}, {@code validateCheckInfo} and
 * {@code validateCommandInfo} (which validates the environment). Each returns null when valid,
 * else Mesos's message.
 */
final class CheckValidation {

  private CheckValidation() {}

  static String healthCheck(HealthCheck check) {
    if (!check.hasType()) {
      return "HealthCheck must specify 'type'";
    }
    switch (check.getType()) {
      case COMMAND: {
        if (!check.hasCommand()) {
          return "Expecting 'command' to be set for COMMAND health check";
        }
        String error = commandCheck(check.getCommand(), "Command health check", "Health check's");
        if (error != null) {
          return error;
        }
        break;
      }
      case HTTP: {
        if (!check.hasHttp()) {
          return "Expecting 'http' to be set for HTTP health check";
        }
        HealthCheck.HTTPCheckInfo http = check.getHttp();
        if (http.hasScheme() && !http.getScheme().equals("http") && !http.getScheme().equals("https")) {
          return "Unsupported HTTP health check scheme: '" + http.getScheme() + "'";
        }
        if (http.hasPath() && !http.getPath().startsWith("/")) {
          return "The path '" + http.getPath() + "' of HTTP health check must start with '/'";
        }
        break;
      }
      case TCP:
        if (!check.hasTcp()) {
          return "Expecting 'tcp' to be set for TCP health check";
        }
        break;
      default:
        return "'" + check.getType().name() + "' is not a valid health check type";
    }
    if (check.hasDelaySeconds() && check.getDelaySeconds() < 0) {
      return "Expecting 'delay_seconds' to be non-negative";
    }
    if (check.hasGracePeriodSeconds() && check.getGracePeriodSeconds() < 0) {
      return "Expecting 'grace_period_seconds' to be non-negative";
    }
    if (check.hasIntervalSeconds() && check.getIntervalSeconds() < 0) {
      return "Expecting 'interval_seconds' to be non-negative";
    }
    if (check.hasTimeoutSeconds() && check.getTimeoutSeconds() < 0) {
      return "Expecting 'timeout_seconds' to be non-negative";
    }
    return null;
  }

  static String checkInfo(CheckInfo check) {
    if (!check.hasType()) {
      return "CheckInfo must specify 'type'";
    }
    switch (check.getType()) {
      case COMMAND: {
        if (!check.hasCommand()) {
          return "Expecting 'command' to be set for COMMAND check";
        }
        String error = commandCheck(check.getCommand().getCommand(), "Command check", "Check's");
        if (error != null) {
          return error;
        }
        break;
      }
      case HTTP:
        if (!check.hasHttp()) {
          return "Expecting 'http' to be set for HTTP check";
        }
        if (check.getHttp().hasPath() && !check.getHttp().getPath().startsWith("/")) {
          return "The path '" + check.getHttp().getPath() + "' of HTTP check must start with '/'";
        }
        break;
      case TCP:
        if (!check.hasTcp()) {
          return "Expecting 'tcp' to be set for TCP check";
        }
        break;
      default:
        return "'" + check.getType().name() + "' is not a valid check type";
    }
    if (check.hasDelaySeconds() && check.getDelaySeconds() < 0) {
      return "Expecting 'delay_seconds' to be non-negative";
    }
    if (check.hasIntervalSeconds() && check.getIntervalSeconds() < 0) {
      return "Expecting 'interval_seconds' to be non-negative";
    }
    if (check.hasTimeoutSeconds() && check.getTimeoutSeconds() < 0) {
      return "Expecting 'timeout_seconds' to be non-negative";
    }
    return null;
  }

  /** {@code validateCommandInfo}: only the environment is checked. */
  static String commandInfo(CommandInfo command) {
    for (Environment.Variable v : command.getEnvironment().getVariablesList()) {
      switch (v.getType()) {
        case SECRET:
          if (!v.hasSecret()) {
            return "Environment variable '" + v.getName() + "' of type 'SECRET' must have a secret set";
          }
          if (v.hasValue()) {
            return "Environment variable '" + v.getName() + "' of type 'SECRET' must not have a value set";
          }
          String invalid = secret(v.getSecret());
          if (invalid != null) {
            return "Environment variable '" + v.getName() + "' specifies an invalid secret: " + invalid;
          }
          if (hasNullByte(v.getSecret().getValue().getData())) {
            return "Environment variable '" + v.getName() + "' specifies a secret containing null bytes, which is not"
                + " allowed in the environment";
          }
          break;
        case VALUE:
          if (!v.hasValue()) {
            return "Environment variable '" + v.getName() + "' of type 'VALUE' must have a value set";
          }
          if (v.hasSecret()) {
            return "Environment variable '" + v.getName() + "' of type 'VALUE' must not have a secret set";
          }
          break;
        default:
          return "Environment variable of type 'UNKNOWN' is not allowed";
      }
    }
    return null;
  }

  private static boolean hasNullByte(ByteString data) {
    for (int i = 0; i < data.size(); i++) {
      if (data.byteAt(i) == 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code common::validation::validateSecret}. */
  private static String secret(Secret secret) {
    switch (secret.getType()) {
      case REFERENCE:
        if (!secret.hasReference()) {
          return "Secret of type REFERENCE must have the 'reference' field set";
        }
        if (secret.hasValue()) {
          return "Secret '" + secret.getReference().getName() + "' of type REFERENCE must not have the 'value' field set";
        }
        return null;
      case VALUE:
        if (!secret.hasValue()) {
          return "Secret of type VALUE must have the 'value' field set";
        }
        if (secret.hasReference()) {
          return "Secret of type VALUE must not have the 'reference' field set";
        }
        return null;
      default:
        return null;
    }
  }

  private static String commandCheck(CommandInfo command, String what, String owner) {
    if (!command.hasValue()) {
      return what + " must contain " + (command.getShell() ? "'shell command'" : "'executable path'");
    }
    String error = commandInfo(command);
    return error == null ? null : owner + " `CommandInfo` is invalid: " + error;
  }
}
