package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code drover logs} prints of a file, read as the agent serves it (an in-memory file here). */
class LogPrinterTest {

  /** A file in memory that records each read's length and grows when the printer sleeps. */
  static final class MemoryFile implements LogFile {
    final ByteArrayOutputStream content = new ByteArrayOutputStream();
    final List<Integer> reads = new ArrayList<>();
    final List<String> growth = new ArrayList<>();
    boolean ended;

    MemoryFile(String text) {
      content.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public long size() {
      return content.size();
    }

    @Override
    public byte[] read(long offset, int length) {
      reads.add(length);
      byte[] all = content.toByteArray();
      int from = (int) Math.min(offset, all.length);
      return Arrays.copyOfRange(all, from, Math.min(all.length, from + length));
    }

    @Override
    public boolean ended() {
      return ended;
    }

    void sleep(Duration d) {
      if (growth.isEmpty()) {
        ended = true;
      } else {
        content.writeBytes(growth.remove(0).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static String print(MemoryFile file, int tail, boolean follow) throws Exception {
    StringWriter out = new StringWriter();
    new LogPrinter(file, new PrintWriter(out)).print(tail, follow, Duration.ofMillis(1), file::sleep);
    return out.toString();
  }

  @Test
  void printsAllOfItInBoundedReads() throws Exception {
    String big = "x".repeat(LogPrinter.CHUNK * 2 + 10);
    MemoryFile file = new MemoryFile(big);
    assertThat(print(file, -1, false)).isEqualTo(big);
    assertThat(file.reads).containsExactly(LogPrinter.CHUNK, LogPrinter.CHUNK, 10);
  }

  @Test
  void tailPrintsTheLastLinesWhetherOrNotTheFileEndsWithANewline() throws Exception {
    assertThat(print(new MemoryFile("a\nb\nc\n"), 2, false)).isEqualTo("b\nc\n");
    assertThat(print(new MemoryFile("a\nb\nc"), 2, false)).isEqualTo("b\nc");
    assertThat(print(new MemoryFile("a\nb\n"), 5, false)).isEqualTo("a\nb\n");
    assertThat(print(new MemoryFile("a\nb\n"), 0, false)).isEmpty();
    assertThat(print(new MemoryFile(""), 3, false)).isEmpty();
  }

  @Test
  void tailReadsBackOnlyAsFarAsItsLinesGo() throws Exception {
    String lines = ("y".repeat(99) + "\n").repeat(2000);
    MemoryFile file = new MemoryFile(lines);
    assertThat(print(file, 3, false)).isEqualTo(("y".repeat(99) + "\n").repeat(3));
    // One read back from the end finds the lines, one prints them.
    assertThat(file.reads).hasSize(2);
  }

  @Test
  void tailKeepsTheLastNewlineWhereverTheChunksFall() throws Exception {
    // Files whose newlines sit on, before and after the 64 KiB read boundaries, ending with a
    // newline or not, against the last lines counted the plain way.
    for (int size : new int[] {LogPrinter.CHUNK - 1, LogPrinter.CHUNK, LogPrinter.CHUNK + 1, 2 * LogPrinter.CHUNK + 1}) {
      for (int lineLength : new int[] {1, 2, 99, LogPrinter.CHUNK - 1, LogPrinter.CHUNK}) {
        for (boolean finalNewline : new boolean[] {true, false}) {
          String text = file(size, lineLength, finalNewline);
          for (int tail = 0; tail <= 3; tail++) {
            assertThat(print(new MemoryFile(text), tail, false))
                .as("--tail %d of %d bytes in lines of %d, final newline %s", tail, size, lineLength, finalNewline)
                .isEqualTo(lastLines(text, tail));
          }
        }
      }
    }
  }

  /** {@code size} bytes of lines of {@code lineLength} characters and their newlines. */
  private static String file(int size, int lineLength, boolean finalNewline) {
    StringBuilder b = new StringBuilder(size);
    while (b.length() < size) {
      b.append(b.length() % (lineLength + 1) == lineLength ? '\n' : 'x');
    }
    b.setCharAt(size - 1, finalNewline ? '\n' : 'x');
    return b.toString();
  }

  /** The last {@code n} lines of {@code text}, each with its newline (the last one may have none). */
  private static String lastLines(String text, int n) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return String.join("", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  @Test
  void followPrintsWhatTheFileGainsUntilTheTaskEnds() throws Exception {
    MemoryFile file = new MemoryFile("one\n");
    file.growth.addAll(List.of("two\n", "", "thr", "ee\n"));
    assertThat(print(file, -1, true)).isEqualTo("one\ntwo\nthree\n");
    assertThat(file.ended).isTrue();
  }

  @Test
  void aCharacterSplitBetweenReadsIsPrintedWhole() {
    LogPrinter.Utf8Text text = new LogPrinter.Utf8Text();
    byte[] e = "é€".getBytes(StandardCharsets.UTF_8);
    assertThat(text.decode(Arrays.copyOfRange(e, 0, 1))).isEmpty();
    assertThat(text.decode(Arrays.copyOfRange(e, 1, 3))).isEqualTo("é");
    assertThat(text.decode(Arrays.copyOfRange(e, 3, 5))).isEqualTo("€");
    assertThat(text.rest()).isEmpty();
  }
}
