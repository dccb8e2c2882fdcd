package org.spatialcatalog.node.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.BrokerProbe;

/**
 * Probes the broker every {@value #INTERVAL_MILLIS} ms on a named thread ({@code broker-watch}) and
 * remembers whether it answered, so the node's {@code jms} state turns {@code disconnected} within
 * a few seconds of an outage, even one where the network silently swallows traffic. Two probes in a
 * row must fail (each bounded by the send timeout), so one slow answer on a busy machine does not
 * flap the state. Logs one line when the broker is lost and one when it answers again.
 */
final class BrokerWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerWatch.class);
  static final long INTERVAL_MILLIS = 2000;

  private final BrokerProbe probe;
  private final String url;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "broker-watch");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean answering;
  private volatile boolean everAnswered;
  private volatile boolean loggedUnreachable;
  private int failures;
  private volatile boolean down;

  BrokerWatch(BrokerProbe probe, String url) {
    this.probe = probe;
    this.url = url;
    thread.scheduleWithFixedDelay(this::check, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  boolean answering() {
    return answering;
  }

  /**
   * True once the broker was declared lost, until it answers again (false before the first verdict,
   * so nothing is held back while the node starts).
   */
  boolean down() {
    return down;
  }

  private void check() {
    try {
      probe.check();
      if (!answering) {
        log.info(everAnswered ? "broker {} answers again" : "broker {} answers", url);
      }
      answering = true;
      down = false;
      failures = 0;
      everAnswered = true;
      loggedUnreachable = false;
    } catch (RuntimeException e) {
      failures++;
      if (failures < 2 && everAnswered) {
        return;
      }
      if (answering || !loggedUnreachable) {
        log.warn(
            "lost the broker {}: {}; notifications are dropped and counted, nodes poll the"
                + " change log",
            url,
            e.getMessage());
        loggedUnreachable = true;
      }
      answering = false;
      down = true;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    probe.close();
  }
}
