package io.drover.cli;

import io.drover.controller.sandbox.SandboxException;

/** A task's output file as the agent's files API serves it: read by offset and length, never all at once. */
interface LogFile {

  /** Its current size in bytes. */
  long size() throws SandboxException, InterruptedException;

  /** At most {@code length} bytes from {@code offset}; fewer at the end of the file (the agent also caps a read). */
  byte[] read(long offset, int length) throws SandboxException, InterruptedException;

  /** Whether the task that writes it has ended, so it will not grow any more. */
  boolean ended() throws SandboxException, InterruptedException;
}
