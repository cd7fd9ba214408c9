package io.drover.controller.http;

import io.drover.api.status.ServiceStatus;
import java.util.List;

/**
 * One service as the HTTP API shows it: its desired document's generation and validity, and the
 * status the leader wrote.
 *
 * @param generation the desired document's generation, or null when there is no document (the
 *     service is being uninstalled)
 * @param status the stored status, or null when the controller has written none yet
 */
public record ServiceView(String name, Long generation, boolean valid, List<String> errors, ServiceStatus status) {}
