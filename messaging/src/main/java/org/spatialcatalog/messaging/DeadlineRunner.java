package org.spatialcatalog.messaging;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs broker calls on named threads and waits for each at most a deadline.
 *
 * <p>Why: the ActiveMQ client can block a caller for a long time: the failover transport waits in
 * {@code oneway} while it reconnects, and a socket write to a peer that accepts but never reads
 * blocks until the inactivity monitor gives up. A caller here never waits longer than the deadline.
 * A call that overruns is interrupted (which ends a failover wait) and {@code onTimeout} runs, so
 * the owner can close its connection (which ends a blocked socket write).
 *
 * <p>At most {@code threads} calls run at once: when that many are still in progress (stuck, most
 * likely), a new call fails at once. The count is a semaphore whose permit is given back when the
 * call's code returns, before the caller sees its result, and not when its thread is back in the
 * pool: a bounded pool with a hand-off queue refuses work while a finished worker is on its way
 * back, so a caller making one call after another on a busy machine was refused although nothing
 * was stuck.
 */
final class DeadlineRunner implements AutoCloseable {

  private final ExecutorService pool;
  private final Semaphore inProgress;
  private final Runnable onTimeout;

  DeadlineRunner(String name, int threads, Runnable onTimeout) {
    AtomicInteger number = new AtomicInteger();
    this.onTimeout = onTimeout;
    this.inProgress = new Semaphore(threads);
    // Unbounded on purpose: the semaphore bounds the calls, and an idle thread ends after 60 s.
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name + "-" + number.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code work} and returns its result, or throws {@link BrokerCallTimeoutException} once
   * {@code deadline} passed (or at once when {@code threads} calls are still in progress).
   * Exceptions of {@code work} are rethrown as they are when unchecked.
   */
  <T> T call(String what, Duration deadline, Callable<T> work) {
    if (!inProgress.tryAcquire()) {
      throw new BrokerCallTimeoutException(
          what + ": every broker thread is still waiting for the broker");
    }
    // The permit goes back when the call's code returns, before its result reaches the caller,
    // so that the caller's next call finds it; or when the task ends unrun, cancelled before a
    // thread took it. Whichever comes first gives it back, once.
    AtomicBoolean returned = new AtomicBoolean();
    Runnable giveBack =
        () -> {
          if (returned.compareAndSet(false, true)) {
            inProgress.release();
          }
        };
    FutureTask<T> future =
        new FutureTask<>(
            () -> {
              try {
                return work.call();
              } finally {
                giveBack.run();
              }
            });
    try {
      pool.execute(
          () -> {
            try {
              future.run(); // returns at once when the caller cancelled before it started
            } finally {
              giveBack.run();
            }
          });
    } catch (RejectedExecutionException e) {
      giveBack.run();
      throw new BrokerCallTimeoutException(what + ": the broker client is closed");
    }
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      onTimeout.run();
      throw new BrokerCallTimeoutException(
          what + ": no answer from the broker within " + deadline.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new BrokerCallTimeoutException(what + ": interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(what + " failed", e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
