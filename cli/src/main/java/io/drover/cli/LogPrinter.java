package io.drover.cli;

import io.drover.controller.sandbox.SandboxException;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Prints a {@link LogFile}: all of it, or its last lines ({@code --tail}), then with {@code follow}
 * what it gains until its task ends (or the process is stopped). Every read asks for at most
 * {@value #CHUNK} bytes, as much as one agent read returns; a tail reads back from the end only as far
 * as its lines go.
 */
final class LogPrinter {

  static final int CHUNK = 64 * 1024;

  /** Sleeps between polls; tests make it quick. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final LogFile file;
  private final PrintWriter out;
  private final Utf8Text text = new Utf8Text();

  LogPrinter(LogFile file, PrintWriter out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Prints the file (its last {@code tailLines} lines when not negative) and, with {@code follow},
   * polls every {@code interval} for more until the task ends.
   */
  void print(int tailLines, boolean follow, Duration interval, Sleeper sleeper) throws SandboxException, InterruptedException {
    long size = file.size();
    long offset = tailLines < 0 ? 0 : tailStart(size, tailLines);
    offset = copy(offset, size);
    while (follow) {
      boolean ended = file.ended();
      long now = file.size();
      if (now > offset) {
        offset = copy(offset, now);
      }
      if (ended) {
        break;
      }
      sleeper.sleep(interval);
    }
    out.print(text.rest());
    out.flush();
  }

  /** Prints bytes {@code [from, to)} in chunks; returns where it stopped. */
  private long copy(long from, long to) throws SandboxException, InterruptedException {
    long offset = from;
    while (offset < to) {
      byte[] data = file.read(offset, (int) Math.min(CHUNK, to - offset));
      if (data.length == 0) {
        break;
      }
      out.print(text.decode(data));
      out.flush();
      offset += data.length;
    }
    return offset;
  }

  /** The offset of the first of the last {@code lines} lines of a file of {@code size} bytes. */
  private long tailStart(long size, int lines) throws SandboxException, InterruptedException {
    if (lines == 0) {
      return size;
    }
    long end = size;
    // A final newline ends the last line; it does not start another.
    int newlinesWanted = lines;
    boolean first = true;
    while (end > 0) {
      long start = Math.max(0, end - CHUNK);
      byte[] data = file.read(start, (int) (end - start));
      for (int i = data.length - 1; i >= 0; i--) {
        if (data[i] == '\n' && !(first && start + i == size - 1)) {
          newlinesWanted--;
          if (newlinesWanted == 0) {
            return start + i + 1;
          }
        }
      }
      first = false;
      end = start;
    }
    return 0;
  }

  /** Decodes UTF-8 across chunk boundaries: an incomplete character waits for the next chunk. */
  static final class Utf8Text {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    String decode(byte[] data) {
      pending.writeBytes(data);
      byte[] all = pending.toByteArray();
      int complete = completeLength(all);
      pending.reset();
      pending.write(all, complete, all.length - complete);
      return new String(all, 0, complete, StandardCharsets.UTF_8);
    }

    /** What is left at the end (an incomplete character, shown as the replacement character). */
    String rest() {
      String s = new String(pending.toByteArray(), StandardCharsets.UTF_8);
      pending.reset();
      return s;
    }

    /** The length of the prefix that ends on a character boundary. */
    private static int completeLength(byte[] b) {
      for (int back = 1; back <= Math.min(3, b.length); back++) {
        int lead = b[b.length - back] & 0xFF;
        if ((lead & 0xC0) == 0x80) {
          continue;
        }
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return needed > back ? b.length - back : b.length;
      }
      return b.length;
    }
  }
}
