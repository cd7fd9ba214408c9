package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A file fetched into the task's sandbox before its command starts, with the options of the Mesos
 * fetcher ({@code CommandInfo.URI}): {@code extract} unpacks an archive (tar, tar.gz, tgz, zip and
 * the other formats the fetcher knows) into the sandbox, {@code executable} makes the file
 * executable (and is never extracted), {@code cache} lets the agent's fetcher cache keep it, and
 * {@code outputFile} names it in the sandbox (default: the last segment of the URI's path).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Artifact(String uri, Boolean extract, Boolean executable, Boolean cache, String outputFile) {}
