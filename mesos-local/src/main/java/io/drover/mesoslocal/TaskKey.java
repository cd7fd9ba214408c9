package io.drover.mesoslocal;

/** Task ids are unique per framework only, so tasks are keyed by both. */
record TaskKey(String frameworkId, String taskId) {}
