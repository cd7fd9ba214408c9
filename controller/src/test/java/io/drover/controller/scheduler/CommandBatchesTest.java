package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** How puts and uninstalls are gathered into batches, each one message on the loop. */
class CommandBatchesTest {
  private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
  private final List<List<String>> ran = new ArrayList<>();
  private final CommandBatches batches = new CommandBatches(loop::add,
      batch -> ran.add(batch.stream().map(ServiceChange::name).toList()));

  private static ServiceChange uninstall(String name) {
    return new ServiceChange.Uninstall(name, new CompletableFuture<>());
  }

  private void runLoop() {
    while (!loop.isEmpty()) {
      loop.poll().run();
    }
  }

  @Test
  void commandsJoinTheOpenBatchUntilTheLoopRunsIt() {
    batches.add(uninstall("a"));
    batches.add(uninstall("b"));
    assertThat(loop).as("one message for both").hasSize(1);

    loop.poll().run();
    batches.add(uninstall("c"));
    runLoop();

    assertThat(ran).containsExactly(List.of("a", "b"), List.of("c"));
  }

  @Test
  void aSealedBatchTakesNoMoreAndTheNextRunsAfterIt() {
    batches.add(uninstall("a"));
    batches.seal();
    batches.add(uninstall("b"));
    runLoop();

    assertThat(ran).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void aFullBatchStartsAnother() {
    for (int i = 0; i <= CommandBatches.MAX; i++) {
      batches.add(uninstall("s" + i));
    }
    runLoop();

    assertThat(ran).hasSize(2);
    assertThat(ran.get(0)).hasSize(CommandBatches.MAX);
    assertThat(ran.get(1)).containsExactly("s" + CommandBatches.MAX);
  }

  @Test
  void everyCommandOfABatchTheLoopRefusesFails() {
    CommandBatches closed = new CommandBatches(m -> {
      throw new RejectedExecutionException("closed");
    }, batch -> ran.add(List.of()));
    ServiceChange c = uninstall("a");

    closed.add(c);

    assertThat(c.done()).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withMessageContaining("the scheduler is shutting down");
    assertThat(ran).isEmpty();
  }
}
