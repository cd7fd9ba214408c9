package io.drover.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a service's event history, like a Kubernetes event.
 *
 * @param time when the scheduler saw it, ISO-8601
 * @param type what happened: {@code Configured}, {@code Launched}, {@code Relaunched},
 *     {@code Replaced}, {@code Running}, {@code Unhealthy}, {@code Healthy}, {@code Finished},
 *     {@code Failed}, {@code Killed}, {@code Lost}, {@code Unreachable}, {@code Removed},
 *     {@code Replacing}, {@code Waiting}, {@code Restarting}, {@code Rejected}, {@code Uninstalling}
 * @param subject the pod instance or task it is about ({@code web-0}, {@code web-0-server}), or null
 *     for the service itself
 * @param message what happened, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceEvent(String time, String type, String subject, String message) {}
