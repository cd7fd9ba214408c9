package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A file rendered from {@code template} into the task's sandbox at {@code path} before the command
 * starts: each {@code {{VAR}}} is replaced by the task's variable {@code VAR} (its {@code env}, its
 * {@code PORT_<NAME>} ports, {@code POD_INSTANCE_INDEX}, {@code TASK_NAME}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigFile(String path, String template) {}
