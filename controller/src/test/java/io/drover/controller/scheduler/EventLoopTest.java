package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final EventLoop loop = new EventLoop("test-loop", timers);

  @AfterEach
  void stop() {
    loop.close();
    timers.shutdownNow();
  }

  @Test
  void messagesRunInOrderOnOneThreadAndAFailingOneDoesNotStopTheLoop() {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    loop.start();
    loop.post(() -> seen.add("a"));
    loop.post(() -> {
      throw new IllegalStateException("boom");
    });
    for (int i = 0; i < 100; i++) {
      int n = i;
      loop.post(() -> {
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
  void aSlowLoopCoalescesTimerMessages() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ticks = new AtomicInteger();
    loop.start();
    loop.post(() -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    loop.every(Duration.ofMillis(10), ticks::incrementAndGet);
    await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> true);
    release.countDown();
    AtomicInteger atMarker = new AtomicInteger(-1);
    loop.post(() -> atMarker.set(ticks.get()));
    await().atMost(Duration.ofSeconds(5)).until(() -> atMarker.get() >= 0);
    // 400 ms of 10 ms ticks while blocked queued one tick message, not forty
    assertThat(atMarker.get()).isBetween(0, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> ticks.get() > atMarker.get());
  }

  @Test
  void closeRunsWhatIsQueuedThenRefusesNewMessages() {
    List<String> seen = new CopyOnWriteArrayList<>();
    loop.start();
    loop.post(() -> seen.add("queued"));
    loop.close();
    assertThat(seen).containsExactly("queued");
    assertThat(loop.post(() -> seen.add("late"))).isFalse();
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
