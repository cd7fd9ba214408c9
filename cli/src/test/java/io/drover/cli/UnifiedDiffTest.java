package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n")
        .collect(Collectors.joining());
  }

  @Test
  void equalTextsHaveNoDiff() {
    assertThat(UnifiedDiff.diff("a\nb\n", "a\nb\n", "x", "y")).isEmpty();
  }

  @Test
  void oneChangedLineWithThreeLinesOfContext() {
    String before = lines(1, 10);
    String after = before.replace("line 5\n", "line five\n");

    assertThat(UnifiedDiff.diff(before, after, "old", "new")).isEqualTo("""
        --- old
        +++ new
        @@ -2,7 +2,7 @@
         line 2
         line 3
         line 4
        -line 5
        +line five
         line 6
         line 7
         line 8
        """);
  }

  @Test
  void distantChangesMakeSeparateHunksAndCloseOnesMerge() {
    String before = lines(1, 30);
    String after = before.replace("line 2\n", "").replace("line 20\n", "line 20\nnew\n")
        .replace("line 26\n", "changed\n");

    assertThat(UnifiedDiff.diff(before, after, "a", "b")).isEqualTo("""
        --- a
        +++ b
        @@ -1,5 +1,4 @@
         line 1
        -line 2
         line 3
         line 4
         line 5
        @@ -18,12 +17,13 @@
         line 18
         line 19
         line 20
        +new
         line 21
         line 22
         line 23
         line 24
         line 25
        -line 26
        +changed
         line 27
         line 28
         line 29
        """);
  }

  @Test
  void fromNothingEverythingIsAdded() {
    assertThat(UnifiedDiff.diff("", "a\nb\n", "none", "file")).isEqualTo("""
        --- none
        +++ file
        @@ -0,0 +1,2 @@
        +a
        +b
        """);
  }
}
