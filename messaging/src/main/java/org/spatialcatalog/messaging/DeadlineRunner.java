package org.spatialcatalog.messaging;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs broker calls on a small pool of named threads and waits for each at most a deadline.
 *
 * <p>Why: the ActiveMQ client can block a caller for a long time: the failover transport waits in
 * {@code oneway} while it reconnects, and a socket write to a peer that accepts but never reads
 * blocks until the inactivity monitor gives up. A caller here never waits longer than the deadline.
 * A call that overruns is interrupted (which ends a failover wait) and {@code onTimeout} runs, so
 * the owner can close its connection (which ends a blocked socket write). Threads are bounded: when
 * every one of them is still stuck, a new call fails at once.
 */
final class DeadlineRunner implements AutoCloseable {

  private final ThreadPoolExecutor pool;
  private final Runnable onTimeout;

  DeadlineRunner(String name, int threads, Runnable onTimeout) {
    AtomicInteger number = new AtomicInteger();
    this.onTimeout = onTimeout;
    this.pool =
        new ThreadPoolExecutor(
            0,
            threads,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + number.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code work} and returns its result, or throws {@link BrokerCallTimeoutException} once
   * {@code deadline} passed (or at once when no thread is free). Exceptions of {@code work} are
   * rethrown as they are when unchecked.
   */
  <T> T call(String what, Duration deadline, Callable<T> work) {
    Future<T> future;
    try {
      future = pool.submit(work);
    } catch (RejectedExecutionException e) {
      throw new BrokerCallTimeoutException(
          what + ": every broker thread is still waiting for the broker");
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
