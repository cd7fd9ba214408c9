package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A command check run beside a task ({@code sh -c cmd}, exit 0 = pass). A health check that fails
 * {@code maxConsecutiveFailures} times after the grace period gets the task killed; a readiness
 * check only gates when the task counts as ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Check(
    String cmd,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer gracePeriodSeconds,
    Integer delaySeconds,
    Integer maxConsecutiveFailures) {}
