package org.spatialcatalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineRunnerTest {

  private static final Duration LONG = Duration.ofSeconds(10);

  @Test
  void callsOneAfterAnotherAreNeverRefused() {
    // Before the semaphore, a call could find the only worker still on its way back to the pool
    // and be refused; a few thousand calls in a row hit that within milliseconds.
    try (DeadlineRunner runner = new DeadlineRunner("test", 1, () -> {})) {
      for (int i = 0; i < 20_000; i++) {
        int n = i;
        assertThat(runner.call("call " + n, LONG, () -> n)).isEqualTo(n);
      }
    }
  }

  @Test
  void aCallIsRefusedAtOnceWhileEveryThreadIsStuck() throws Exception {
    CountDownLatch stuck = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (DeadlineRunner runner = new DeadlineRunner("test", 2, () -> {})) {
      Future<?> first =
          callers.submit(() -> runner.call("first", LONG, () -> block(stuck, release)));
      Future<?> second =
          callers.submit(() -> runner.call("second", LONG, () -> block(stuck, release)));
      assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      assertThatThrownBy(() -> runner.call("third", LONG, () -> "never"))
          .isInstanceOf(BrokerCallTimeoutException.class)
          .hasMessage("third: every broker thread is still waiting for the broker");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
      assertThat(runner.call("after", LONG, () -> "answered")).isEqualTo("answered");
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void anOverrunIsInterruptedReportedAndGivesItsThreadBack() {
    AtomicInteger timeouts = new AtomicInteger();
    try (DeadlineRunner runner = new DeadlineRunner("test", 1, timeouts::incrementAndGet)) {
      assertThatThrownBy(
              () ->
                  runner.call(
                      "slow",
                      Duration.ofMillis(100),
                      () -> {
                        new CountDownLatch(1).await(); // ends only when interrupted
                        return "late";
                      }))
          .isInstanceOf(BrokerCallTimeoutException.class)
          .hasMessage("slow: no answer from the broker within 100 ms");
      assertThat(timeouts).hasValue(1);
      // The interrupted call ends at once and gives its permit back; the next call runs.
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> runner.call("next", LONG, () -> "answered").equals("answered"));
    }
  }

  @Test
  void theCallsExceptionReachesTheCaller() {
    try (DeadlineRunner runner = new DeadlineRunner("test", 1, () -> {})) {
      assertThatThrownBy(
              () ->
                  runner.call(
                      "failing",
                      LONG,
                      () -> {
                        throw new IllegalArgumentException("bad message");
                      }))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bad message");
    }
  }

  @Test
  void aClosedRunnerRefusesAndKeepsNoPermit() {
    DeadlineRunner runner = new DeadlineRunner("test", 1, () -> {});
    runner.close();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> runner.call("late", LONG, () -> "never"))
          .isInstanceOf(BrokerCallTimeoutException.class)
          .hasMessage("late: the broker client is closed");
    }
  }

  private static String block(CountDownLatch stuck, CountDownLatch release)
      throws InterruptedException {
    stuck.countDown();
    release.await();
    return "released";
  }
}
