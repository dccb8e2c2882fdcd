package org.spatialcatalog.node.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogQueue;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.messaging.DurableSubscriptions;
import org.spatialcatalog.messaging.TopicPublisher;

/**
 * Publishes RE-INDEX notifications after commit, on its own thread ({@code change-publisher}), so
 * an HTTP request never waits for the broker.
 *
 * <p>Notifications are coalesced: a RE-INDEX message for sequence {@code n} tells a node to read
 * the change log up to at least {@code n}, so when several local commits are waiting only the
 * newest is sent. Under load this keeps the topic at the pace of the broker instead of queueing one
 * message per write. Two notifications are at least {@code catalog.sync.notification-gap} apart
 * (see {@link #gapNanos}): every message costs the broker a store, and each other node a delivery
 * and an acknowledgement, and in a profile of {@code bench sync} (116 writes/s to one node) the
 * other nodes' subscribers fell seconds behind a message per commit, so the notifications they
 * still had to work through named changes they had long applied. A commit after a quiet moment is
 * announced at once. Other topic messages wait in a bounded queue (1,000) for the {@code
 * topic-publisher} thread. Every send returns within the send timeout ({@link TopicPublisher}).
 * When the queue is full, a send fails, or the broker is known to be down ({@link BrokerWatch}),
 * the notification is dropped and counted rather than written into a connection that nobody
 * answers: every node still reads the change log at each poll, and the cluster status falls back to
 * heartbeats.
 *
 * <p>A notification another node sent for a later change covers this node's: its own is then
 * skipped ({@link #announcedElsewhere}). The change-log numbers follow the order of the commits
 * (the counter row stays locked until the commit), so when node B announces {@code n}, every change
 * below {@code n}, this node's included, was committed before B's. The nodes that receive B's
 * message read the log up to at least {@code n}; B itself read it when it applied its own change,
 * which the index does by reading the log from its checkpoint, past every change committed before.
 * {@code catalog.jms.notifications.covered} counts the skipped ones. They are few: with three nodes
 * taking writes in {@code bench sync}, 5-10 % of the notifications due (issue 11, twenty-first
 * step), because a node's newest change is usually younger than anything the others announced
 * before its gap ends. With one node taking the writes, none are skipped.
 */
final class ChangePublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

  private final TopicPublisher publisher;
  private final String nodeId;
  private final io.micrometer.core.instrument.Counter sent;
  private final io.micrometer.core.instrument.Counter dropped;
  private final io.micrometer.core.instrument.Counter covered;
  private final java.util.function.BooleanSupplier brokerDown;

  /**
   * The least time between two RE-INDEX notifications of this node ({@code
   * catalog.sync.notification-gap}, 30 ms by default). It was 50 ms while a node refreshed its
   * searcher for every batch it applied; with no refresh per batch, 20 ms took the other nodes'
   * visibility p50 from 35 to 17 ms at 200 writes/s (issue 11, seventh step), their half of the
   * wait for the next notification. 30 ms since the twenty-second step: each message costs the
   * broker a store and an acknowledgement per other node; in {@code bench sync} with 8 writers the
   * nodes sent 0.22-0.30 messages a write instead of 0.39-0.43, and the nodes' and the broker's
   * messaging took 0.5-0.8 ms of CPU a write instead of 0.8-1.0, while the other nodes' visibility
   * p50 at 200 writes/s went from 14 to 19 ms (docs/benchmarks.md).
   */
  private final long gapNanos;

  private final AtomicLong latest = new AtomicLong();
  private final AtomicLong announcedElsewhere = new AtomicLong();
  private long lastPublishedAt;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running = true;
  private long published;
  private final java.util.concurrent.ThreadPoolExecutor topics =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(1000),
          r -> {
            Thread t = new Thread(r, "topic-publisher");
            t.setDaemon(true);
            return t;
          },
          (r, pool) -> dropped("the queue of 1000 waiting topic messages is full"));

  ChangePublisher(
      TopicPublisher publisher,
      String nodeId,
      io.micrometer.core.instrument.Counter sent,
      io.micrometer.core.instrument.Counter dropped,
      io.micrometer.core.instrument.Counter covered,
      java.util.function.BooleanSupplier brokerDown,
      Duration gap) {
    this.gapNanos = gap.toNanos();
    this.lastPublishedAt = System.nanoTime() - gapNanos;
    this.brokerDown = brokerDown;
    this.publisher = publisher;
    this.nodeId = nodeId;
    this.sent = sent;
    this.dropped = dropped;
    this.covered = covered;
    this.thread = new Thread(this::loop, "change-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Records that changes up to {@code seq} were committed here; the publisher thread announces the
   * highest one, so a burst of commits becomes one notification (receivers read the log from their
   * checkpoint, not the ids in the message).
   */
  void publishLater(long seq) {
    latest.accumulateAndGet(seq, Math::max);
    wake.release();
  }

  /**
   * Notes a RE-INDEX message of another node (its {@code seq} property): a change of this node's at
   * or below that number needs no notification of its own.
   */
  void announcedElsewhere(jakarta.jms.Message message) {
    try {
      if (message.propertyExists("seq")
          && !nodeId.equals(message.getStringProperty(DurableSubscriptions.ORIGIN))) {
        announcedElsewhere.accumulateAndGet(message.getLongProperty("seq"), Math::max);
      }
    } catch (jakarta.jms.JMSException | RuntimeException unreadable) {
      // Not a number: the listener refuses the message; this node announces its own changes.
    }
  }

  /**
   * Queues a topic message for the {@code topic-publisher} thread and returns at once: a caller (an
   * HTTP request, a listener) never waits for the broker, even when a failover connection is
   * re-establishing. Dropped, and logged, when the broker cannot keep up.
   */
  void publishLater(CatalogTopic topic, String body, Map<String, ?> properties) {
    if (topics.isShutdown()) {
      return;
    }
    topics.execute(
        () -> {
          if (brokerDown.getAsBoolean()) {
            dropped(topic.baseName() + " not published: the broker does not answer");
            return;
          }
          try {
            publisher.publish(topic, body, properties);
            sent.increment();
          } catch (RuntimeException e) {
            dropped(topic.baseName() + " not published (" + e.getMessage() + ")");
          }
        });
  }

  /** Counts a dropped notification; logs the first and then every 100th, not every one. */
  private void dropped(String why) {
    dropped.increment();
    long n = (long) dropped.count();
    if (n == 1 || n % 100 == 0) {
      log.warn(
          "notification dropped, {} so far: {}; nodes fall back to polling the database", n, why);
    }
  }

  void sendNow(CatalogQueue queue, String body, Map<String, ?> properties) {
    publisher.send(queue, body, properties);
  }

  void sendNow(CatalogQueue queue, String body, Map<String, ?> properties, int priority) {
    publisher.send(queue, body, properties, priority);
  }

  private void loop() {
    while (running) {
      try {
        wake.tryAcquire(1, TimeUnit.SECONDS);
        long sinceLast = System.nanoTime() - lastPublishedAt;
        if (sinceLast < gapNanos) {
          // Commits arriving meanwhile share the next notification.
          TimeUnit.NANOSECONDS.sleep(gapNanos - sinceLast);
        }
        wake.drainPermits();
        long seq = latest.get();
        if (seq > published && brokerDown.getAsBoolean()) {
          dropped("RE-INDEX up to change " + seq + " not published: the broker does not answer");
          published = seq;
        } else if (seq > published && seq <= announcedElsewhere.get()) {
          // Covered by another node's notification (see the class comment). The gap starts now,
          // as after a send, so that the commits that follow still share the next one.
          lastPublishedAt = System.nanoTime();
          published = seq;
          covered.increment();
        } else if (seq > published) {
          publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", seq, "origin", nodeId));
          lastPublishedAt = System.nanoTime();
          published = seq;
          sent.increment();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        dropped(
            "RE-INDEX up to change " + latest.get() + " not published (" + e.getMessage() + ")");
        published = latest.get();
      }
    }
  }

  @Override
  public void close() {
    topics.shutdown();
    running = false;
    wake.release();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
  }
}
