package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static io.drover.controller.scheduler.SchedulerFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.store.FencedWriteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Puts and uninstalls posted back to back run as one batch: their records are stored in one
 * {@code saveAll}, each caller's future completes only once its record is stored, a service whose
 * write fails holds back no other, and each service's commands keep their order.
 */
class RunnerCommandBatchesTest {
  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void putsPostedBackToBackAreStoredInOneSaveAndCompleteOnlyOnceStored() throws Exception {
    h.start();
    List<String> names = List.of("a", "b", "c", "d", "e");
    Map<String, AtomicBoolean> storedWhenDone = new TreeMap<>();
    List<CompletableFuture<Void>> puts = new ArrayList<>();
    for (String name : names) {
      AtomicBoolean stored = new AtomicBoolean();
      storedWhenDone.put(name, stored);
      CompletableFuture<Void> put = h.runner().putService(target(service(name, 1), 1));
      put.thenRun(() -> stored.set(h.store.get(name).isPresent() && h.runner().service(name) != null));
      puts.add(put);
    }
    assertThat(puts).as("queued, not yet run").noneMatch(CompletableFuture::isDone);

    h.drain();

    assertThat(puts).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(storedWhenDone).allSatisfy((name, stored) -> assertThat(stored).as(name).isTrue());
    assertThat(h.store.saveAllCalls).as("one write for the five new services").first().isEqualTo(names);
    assertThat(h.journal).containsExactly("save a", "save b", "save c", "save d", "save e");
  }

  @Test
  void aServiceNamedTwiceIsDecidedTheSecondTimeOnWhatTheFirstStored() throws Exception {
    h.start();

    CompletableFuture<Void> first = h.runner().putService(target(service("a", 1), 1));
    CompletableFuture<Void> other = h.runner().putService(target(service("b", 1), 1));
    CompletableFuture<Void> second = h.runner().putService(target(service("a", 1, 0.2), 2));
    CompletableFuture<Void> uninstall = h.runner().uninstallService("a");
    h.drain();

    assertThat(List.of(first, other, second, uninstall)).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(h.store.saveAllCalls).as("split where a comes again").startsWith(List.of("a", "b"), List.of("a"), List.of("a"));
    assertThat(h.store.get("a").orElseThrow().target().generation()).isEqualTo(2);
    assertThat(h.store.get("a").orElseThrow().uninstalling()).isTrue();
  }

  @Test
  void aServiceWhoseRecordCannotBeStoredFailsAloneAndTheOthersAreStored() throws Exception {
    h.start();
    h.store.failWritesOf("b", new IllegalStateException("ZooKeeper refused the request"));

    CompletableFuture<Void> a = h.runner().putService(target(service("a", 1), 1));
    CompletableFuture<Void> b = h.runner().putService(target(service("b", 1), 1));
    CompletableFuture<Void> c = h.runner().putService(target(service("c", 1), 1));
    h.drain();

    assertThat(a).isCompleted();
    assertThat(c).isCompleted();
    assertThat(b).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withMessageContaining("could not store the new target of service b; try again")
        .havingRootCause().withMessage("ZooKeeper refused the request");
    assertThat(h.store.get("b")).isEmpty();
    assertThat(h.runner().service("b")).isNull();
    assertThat(h.journal).containsExactly("save a", "save c");

    h.store.failWritesOf("b", null);
    assertThat(h.put(service("b", 1), 1)).isCompleted();
    assertThat(h.store.get("b")).isPresent();
  }

  @Test
  void aRefusedUpdateSaysItCouldNotBeStoredAndKeepsTheOldTarget() throws Exception {
    h.start();
    h.put(service("a", 1), 1);
    h.store.failWritesOf("a", new IllegalStateException("ZooKeeper refused the request"));

    CompletableFuture<Void> update = h.put(service("a", 1, 0.2), 2);

    assertThat(update).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withMessageContaining("could not store the new target of service a; try again");
    assertThat(h.store.get("a").orElseThrow().target().generation()).isEqualTo(1);
  }

  @Test
  void aFencedOutLeadersBatchIsRefusedEntirelyAndTheSchedulerStopsActing() throws Exception {
    h.start();
    h.put(service("a", 1), 1);
    h.journal.clear();
    h.store.failWrites(new FencedWriteException("not the leader", null));

    CompletableFuture<Void> update = h.runner().putService(target(service("a", 1, 0.2), 2));
    CompletableFuture<Void> added = h.runner().putService(target(service("b", 1), 1));
    CompletableFuture<Void> removed = h.runner().uninstallService("a");
    h.drain();

    assertThat(List.of(update, added)).allSatisfy(f -> assertThat(f).failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(FencedWriteException.class));
    assertThat(removed).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withMessageContaining("no longer acts");
    assertThat(h.journal).isEmpty();
    assertThat(h.store.get("a").orElseThrow().target().generation()).isEqualTo(1);
    assertThat(h.runner().service("b")).isNull();

    h.store.failWrites(null);
    assertThat(h.put(service("c", 1), 1)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withMessageContaining("no longer acts");
  }

  @Test
  void anotherCommandPostedBetweenPutsRunsBetweenThem() throws Exception {
    h.start();

    CompletableFuture<Void> put = h.runner().putService(target(service("a", 1), 1));
    CompletableFuture<Void> pause = h.runner().pausePlan("a", "deploy");
    CompletableFuture<Void> later = h.runner().putService(target(service("b", 1), 1));
    h.drain();

    assertThat(List.of(put, pause, later)).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(h.store.get("a").orElseThrow().pausedPlans()).contains("deploy");
    assertThat(h.store.saveAllCalls).containsSubsequence(List.of("a"), List.of("b"));
  }

  @Test
  void aBatchHoldsAtMostItsBound() throws Exception {
    h.start();
    List<CompletableFuture<Void>> puts = IntStream.range(0, CommandBatches.MAX + 1)
        .mapToObj(i -> h.runner().putService(target(service("s" + i, 1), 1))).toList();
    h.drain();

    assertThat(puts).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(h.store.saveAllCalls.get(0)).hasSize(CommandBatches.MAX);
    assertThat(h.store.saveAllCalls).anySatisfy(call -> assertThat(call).containsExactly("s" + CommandBatches.MAX));
  }
}
