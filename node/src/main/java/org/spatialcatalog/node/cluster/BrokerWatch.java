package org.spatialcatalog.node.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.BrokerProbe;

/**
 * Probes the broker every {@value #INTERVAL_MILLIS} ms on a named thread ({@code broker-watch})
 * and remembers whether it answered, so the node's {@code jms} state turns {@code disconnected}
 * within a few seconds of an outage, even one where the network silently swallows traffic.
 * Logs one line when the broker is lost and one when it answers again.
 */
final class BrokerWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerWatch.class);
  static final long INTERVAL_MILLIS = 2000;

  private final BrokerProbe probe;
  private final String url;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "broker-watch");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean answering;
  private volatile boolean everAnswered;
  private volatile boolean loggedUnreachable;

  BrokerWatch(BrokerProbe probe, String url) {
    this.probe = probe;
    this.url = url;
    thread.scheduleWithFixedDelay(this::check, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  boolean answering() {
    return answering;
  }

  private void check() {
    try {
      probe.check();
      if (!answering) {
        log.info(everAnswered ? "broker {} answers again" : "broker {} answers", url);
      }
      answering = true;
      everAnswered = true;
      loggedUnreachable = false;
    } catch (RuntimeException e) {
      if (answering || !loggedUnreachable) {
        log.warn("lost the broker {}: {}; notifications are dropped and counted, nodes poll the"
            + " change log", url, e.getMessage());
        loggedUnreachable = true;
      }
      answering = false;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    probe.close();
  }
}
