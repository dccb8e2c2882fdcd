package org.spatialcatalog.node.harvest;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.context.SmartLifecycle;

/**
 * A named daemon thread that runs {@link #tick()} every interval, or sooner when woken. A tick that
 * throws is logged (once per distinct message in a row, to keep a down database from flooding the
 * log) and the loop goes on; the last error is kept for health reporting. Runs in lifecycle phase
 * 30: after the harvest engine starts, stopped before it stops.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final Semaphore wake = new Semaphore(0);
  private volatile Thread thread;
  private volatile boolean running;
  private volatile String lastError;

  public BackgroundLoop(String name) {
    this.name = name;
  }

  /** One round of work. */
  protected abstract void tick() throws Exception;

  protected abstract Duration interval();

  void startLoop() {
    running = true;
    // The node's own work: every transition and event it writes names the system identity.
    Thread t =
        new Thread(
            () ->
                CurrentUser.runAs(
                    CurrentUser.SYSTEM,
                    () -> {
                      loop();
                      return null;
                    }),
            name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  void stopLoop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void start() {
    startLoop();
  }

  @Override
  public void stop() {
    stopLoop();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return 30;
  }

  /** Runs a tick soon. */
  public void wake() {
    wake.release();
  }

  String lastError() {
    return lastError;
  }

  private void loop() {
    while (running) {
      try {
        tick();
        lastError = null;
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      } catch (Exception e) {
        String message = e.toString();
        if (!message.equals(lastError)) {
          log.warn("{} failed; retrying every {}", name, interval(), e);
        }
        lastError = message;
      }
      try {
        if (wake.tryAcquire(interval().toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      }
    }
  }
}
