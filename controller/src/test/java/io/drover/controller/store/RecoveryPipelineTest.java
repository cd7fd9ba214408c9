package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The recovery pipeline with in-memory reads: order of outcomes, the window, decoding in parallel. */
class RecoveryPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void outcomesComeInTheOrderOfTheNamesWhateverOrderTheReadsFinishIn() throws Exception {
    Map<String, CompletableFuture<String>> reads = new ConcurrentHashMap<>();
    RecoveryPipeline<CompletableFuture<String>, String> pipeline = new RecoveryPipeline<>(10, 1, 2,
        each(name -> reads.computeIfAbsent(name, n -> new CompletableFuture<>())), f -> f,
        (name, raw) -> {
          if (name.equals("c")) {
            throw new IOException("c is broken");
          }
          return name + "=" + raw.join();
        });
    List<String> names = List.of("a", "b", "c", "d", "e");

    CompletableFuture<List<RecoveryPipeline.Outcome<String>>> run = CompletableFuture.supplyAsync(() -> {
      try {
        return pipeline.run(names);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    await().atMost(WAIT).until(() -> reads.size() == names.size());
    for (String name : List.of("e", "d", "c", "b", "a")) {
      reads.get(name).complete(name.toUpperCase());
    }

    List<RecoveryPipeline.Outcome<String>> outcomes = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(outcomes).extracting(RecoveryPipeline.Outcome::value).containsExactly("a=A", "b=B", null, "d=D", "e=E");
    assertThat(outcomes.get(2).failure()).isInstanceOf(IOException.class).hasMessage("c is broken");
  }

  @Test
  void aFailedReadReachesTheDecoderWhichReportsIt() throws Exception {
    RecoveryPipeline<CompletableFuture<String>, String> pipeline = new RecoveryPipeline<>(4, 1, 1,
        each(name -> name.equals("gone") ? CompletableFuture.failedFuture(new IOException("no node " + name))
            : CompletableFuture.completedFuture(name)), f -> f, (name, raw) -> PipelinedServiceReads.result(raw));

    List<RecoveryPipeline.Outcome<String>> outcomes = pipeline.run(List.of("here", "gone", "there"));

    assertThat(outcomes).extracting(RecoveryPipeline.Outcome::value).containsExactly("here", null, "there");
    assertThat(outcomes.get(1).failure()).hasMessage("no node gone");
  }

  @Test
  void noMoreEntriesThanTheWindowAreReadBeforeTheyAreDecoded() throws Exception {
    AtomicInteger started = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    RecoveryPipeline<String, String> pipeline = new RecoveryPipeline<>(3, 1, 1,
        each(name -> {
          started.incrementAndGet();
          return name;
        }), raw -> CompletableFuture.completedFuture(null),
        (name, raw) -> {
          if (!gate.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gate was never opened");
          }
          return raw;
        });
    List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    CompletableFuture<List<RecoveryPipeline.Outcome<String>>> run = CompletableFuture.supplyAsync(() -> {
      try {
        return pipeline.run(names);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> started.get() == 3);
    gate.countDown();

    assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(RecoveryPipeline.Outcome::value)
        .containsExactlyElementsOf(names);
    assertThat(started).hasValue(names.size());
  }

  @Test
  void entriesAreReadInGroupsOfAtMostTheGroupSizeInTheirOrder() throws Exception {
    List<List<String>> groups = new java.util.concurrent.CopyOnWriteArrayList<>();
    RecoveryPipeline<String, String> pipeline = new RecoveryPipeline<>(4, 2, 1, some -> {
      groups.add(List.copyOf(some));
      return some;
    }, raw -> CompletableFuture.completedFuture(null), (name, raw) -> raw);

    List<RecoveryPipeline.Outcome<String>> outcomes = pipeline.run(List.of("a", "b", "c", "d", "e"));

    assertThat(outcomes).extracting(RecoveryPipeline.Outcome::value).containsExactly("a", "b", "c", "d", "e");
    assertThat(groups).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
  }

  private static <R> java.util.function.Function<List<String>, List<R>> each(java.util.function.Function<String, R> read) {
    return some -> some.stream().map(read).toList();
  }

  @Test
  void entriesAreDecodedOnSeveralThreadsAtOnce() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    RecoveryPipeline<String, String> pipeline = new RecoveryPipeline<>(10, 1, 2, each(name -> name),
        raw -> CompletableFuture.completedFuture(null),
        (name, raw) -> {
          together.await(WAIT.toSeconds(), TimeUnit.SECONDS); // times out unless two decode at once
          return Thread.currentThread().getName();
        });

    List<RecoveryPipeline.Outcome<String>> outcomes = pipeline.run(List.of("a", "b"));

    assertThat(outcomes).extracting(RecoveryPipeline.Outcome::failure).containsOnlyNulls();
    assertThat(outcomes).extracting(RecoveryPipeline.Outcome::value).doesNotHaveDuplicates()
        .allMatch(thread -> thread.startsWith("drover-recovery-decode-"));
  }
}
