package org.spatialcatalog.node.harvest;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one thread ({@code harvest-broker-sender}) on which the harvest feature talks to the broker:
 * HARVEST messages, HARVESTER notices, queue browsing. A send to an unreachable broker can block
 * for a long time; with this thread in between, no HTTP request, recovery sweep or lease renewal
 * ever waits for the broker. Work beyond the bounded backlog is dropped and logged: the database is
 * the truth, and the recovery sweep sends what is missing.
 */
@Component
class BrokerSender implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerSender.class);

  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "harvest-broker-sender");
            t.setDaemon(true);
            return t;
          });

  /** Runs {@code work} on the sender thread; false if the backlog is full. */
  CompletableFuture<Void> submit(String what, Runnable work) {
    try {
      return CompletableFuture.runAsync(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.warn("{} failed: {}", what, e.toString());
            }
          },
          executor);
    } catch (java.util.concurrent.RejectedExecutionException full) {
      log.warn("broker backlog full; {} dropped (the recovery sweep covers it)", what);
      return CompletableFuture.failedFuture(full);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
