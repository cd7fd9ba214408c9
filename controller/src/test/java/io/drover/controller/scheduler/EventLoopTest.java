package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {
  private final EventLoop loop = new EventLoop("test-loop");

  @AfterEach
  void stop() {
    loop.close();
  }

  @Test
  void messagesRunInOrderOnOneThreadAndAFailingOneDoesNotStopTheLoop() {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    loop.start();
    loop.execute(() -> seen.add("a"));
    loop.execute(() -> {
      throw new IllegalStateException("boom");
    });
    for (int i = 0; i < 100; i++) {
      int n = i;
      loop.execute(() -> {
        seen.add(Integer.toString(n));
        threads.add(Thread.currentThread());
      });
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 101);
    assertThat(seen.get(0)).isEqualTo("a");
    assertThat(seen.subList(1, 101)).isSortedAccordingTo((x, y) -> Integer.compare(Integer.parseInt(x), Integer.parseInt(y)));
    assertThat(threads).allMatch(t -> t.getName().equals("test-loop"));
  }

  @Test
  void theLoopPostingMoreThanTheQueueHoldsToItselfDoesNotWaitOnItself() {
    int posts = EventLoop.CAPACITY + 500;
    List<Integer> seen = new CopyOnWriteArrayList<>();
    loop.start();
    loop.execute(() -> {
      for (int i = 0; i < posts; i++) {
        int n = i;
        loop.execute(() -> seen.add(n));
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == posts);
    assertThat(seen).isSorted();
  }

  @Test
  void aCommandOvertakesTheQueuedMessagesButTwoCommandsNeverRunInARowWhileAMessageWaits() {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    loop.start();
    loop.execute(() -> {
      running.countDown();
      awaitQuietly(busy);
    });
    awaitQuietly(running);
    loop.execute(() -> seen.add("event 1"));
    loop.execute(() -> seen.add("event 2"));
    loop.commands().execute(() -> seen.add("command 1"));
    loop.commands().execute(() -> seen.add("command 2"));
    loop.commands().execute(() -> seen.add("command 3"));
    loop.commands().execute(() -> seen.add("command 4"));
    busy.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 6);
    assertThat(seen).containsExactly("command 1", "event 1", "command 2", "event 2", "command 3", "command 4");
  }

  @Test
  void closeRunsTheCommandsPostedBeforeItThenRefusesThem() throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    loop.start();
    loop.commands().execute(() -> awaitQuietly(busy));
    loop.commands().execute(() -> seen.add("command"));
    Thread closer = new Thread(loop::close);
    closer.start();
    // Joining the loop: the stop is queued, behind the busy command and ahead of the waiting one.
    await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
    busy.countDown();
    closer.join(10_000);
    assertThat(seen).containsExactly("command");
    assertThatThrownBy(() -> loop.commands().execute(() -> seen.add("late"))).isInstanceOf(RejectedExecutionException.class);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void closeRunsWhatIsQueuedThenRefusesNewMessages() {
    List<String> seen = new CopyOnWriteArrayList<>();
    loop.start();
    loop.execute(() -> seen.add("queued"));
    loop.close();
    assertThat(seen).containsExactly("queued");
    assertThatThrownBy(() -> loop.execute(() -> seen.add("late"))).isInstanceOf(RejectedExecutionException.class);
    assertThat(seen).containsExactly("queued");
  }

  @Test
  void podInstanceNamesSplitAtTheLastDash() {
    assertThat(ServiceCommands.instanceId("web-front-12").name()).isEqualTo("web-front-12");
    assertThat(ServiceCommands.instanceId("web-front-12").pod()).isEqualTo("web-front");
    assertThatThrownBy(() -> ServiceCommands.instanceId("web")).hasMessageContaining("must look like <pod>-<index>");
    assertThatThrownBy(() -> ServiceCommands.instanceId("web-x")).hasMessageContaining("e.g. hello-0");
    assertThatThrownBy(() -> ServiceCommands.instanceId("web-")).isInstanceOf(IllegalArgumentException.class);
  }
}
