package org.spatialcatalog.node.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.messaging.BrokerProbe;
import org.spatialcatalog.messaging.BrokerSettings;
import org.spatialcatalog.messaging.CatalogQueue;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.messaging.Destinations;
import org.spatialcatalog.messaging.DurableSubscriptions;
import org.spatialcatalog.messaging.QueueConsumer;
import org.spatialcatalog.messaging.QueueInspector;
import org.spatialcatalog.messaging.TopicPublisher;
import org.spatialcatalog.node.changelog.ChangeCommitted;
import org.spatialcatalog.node.config.CatalogProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This node's part in the cluster's messaging: it publishes RE-INDEX after each local commit, holds
 * a durable subscription (client id = node id) for every {@link TopicListener} bean and consumes
 * the queue of every {@link QueueListener} bean, while clustering is on. Which broker it uses, if
 * any, is decided by the live clustering settings ({@link #reconfigure}). With clustering off the
 * node runs alone: nothing is published or consumed, and the index follows the change log by
 * polling.
 */
@Component
public class ClusterMembership implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

  private final Destinations destinations;
  private final NodeIdentity identity;
  private final ObjectProvider<TopicListener> topicListeners;
  private final ObjectProvider<QueueListener> queueListeners;

  private volatile ChangePublisher publisher;
  private volatile DurableSubscriptions subscriptions;
  private volatile QueueInspector inspector;
  private final List<QueueConsumer> queueConsumers = new ArrayList<>();
  private volatile boolean running;
  private volatile BrokerSettings current;
  private volatile BrokerWatch watch;
  private final Counter sent;
  private final Counter dropped;
  private final Counter covered;
  private final Counter received;
  private final Duration notificationGap;

  ClusterMembership(
      Destinations destinations,
      NodeIdentity identity,
      ObjectProvider<TopicListener> topicListeners,
      ObjectProvider<QueueListener> queueListeners,
      MeterRegistry registry,
      CatalogProperties properties) {
    this.notificationGap = properties.sync().notificationGap();
    this.destinations = destinations;
    this.identity = identity;
    this.topicListeners = topicListeners;
    this.queueListeners = queueListeners;
    this.sent =
        Counter.builder("catalog.jms.notifications.sent")
            .description("topic messages handed to the broker")
            .register(registry);
    this.dropped =
        Counter.builder("catalog.jms.notifications.dropped")
            .description("topic messages dropped (queue full, broker slow or unreachable)")
            .register(registry);
    this.covered =
        Counter.builder("catalog.jms.notifications.covered")
            .description("RE-INDEX notifications not sent: another node's covered the change")
            .register(registry);
    this.received =
        Counter.builder("catalog.jms.notifications.received")
            .description("topic messages received by this node's listeners")
            .register(registry);
    Gauge.builder("catalog.jms.connected", () -> "connected".equals(state()) ? 1 : 0)
        .description("1 when the broker answers and every subscription is live")
        .register(registry);
  }

  /**
   * "off" when clustering is off, else "connected" (the broker answered the last probe, every few
   * seconds, and every durable subscription is live) or "disconnected".
   */
  public String state() {
    if (current == null) {
      return "off";
    }
    DurableSubscriptions s = subscriptions;
    BrokerWatch w = watch;
    return s != null && s.isConnected() && w != null && w.answering()
        ? "connected"
        : "disconnected";
  }

  /** Whether this node is currently configured to use the broker. */
  public boolean clustering() {
    return current != null;
  }

  /** The broker this node uses, or null when clustering is off. */
  public BrokerSettings broker() {
    return current;
  }

  /**
   * Publishes on a topic without waiting for the broker: the message is handed to a background
   * thread, so no caller ever blocks on an unreachable broker. Topic messages are notifications
   * backed by the database, which every node also polls.
   *
   * @throws MessagingUnavailableException when clustering is off
   */
  public void publish(CatalogTopic topic, String body, Map<String, ?> properties) {
    requirePublisher(topic.baseName()).publishLater(topic, body, properties);
  }

  /**
   * Sends to a queue now (blocks at most the send timeout).
   *
   * @throws MessagingUnavailableException when clustering is off or the broker is unreachable
   */
  public void send(CatalogQueue queue, String body, Map<String, ?> properties) {
    ChangePublisher p = requirePublisher(queue.baseName());
    try {
      p.sendNow(queue, body, properties);
    } catch (RuntimeException e) {
      throw new MessagingUnavailableException("cannot send to " + queue.baseName(), e);
    }
  }

  /**
   * Sends to a queue now with a JMS priority (0 lowest to 9 highest).
   *
   * @throws MessagingUnavailableException when clustering is off or the broker is unreachable
   */
  public void send(CatalogQueue queue, String body, Map<String, ?> properties, int priority) {
    ChangePublisher p = requirePublisher(queue.baseName());
    try {
      p.sendNow(queue, body, properties, priority);
    } catch (RuntimeException e) {
      throw new MessagingUnavailableException("cannot send to " + queue.baseName(), e);
    }
  }

  /**
   * The values of a string property of the messages waiting in a queue (not those already delivered
   * to a consumer), at most {@code max}.
   *
   * @throws MessagingUnavailableException when clustering is off or the broker is unreachable
   */
  public List<String> browse(CatalogQueue queue, String property, int max) {
    QueueInspector i = inspector;
    if (i == null) {
      throw new MessagingUnavailableException(
          "clustering is off: there is no " + queue.baseName() + " queue", null);
    }
    try {
      return i.propertyValues(queue, property, max);
    } catch (RuntimeException e) {
      throw new MessagingUnavailableException("cannot browse " + queue.baseName(), e);
    }
  }

  private ChangePublisher requirePublisher(String destination) {
    ChangePublisher p = publisher;
    if (p == null) {
      throw new MessagingUnavailableException(
          "clustering is off: nothing is sent to " + destination, null);
    }
    return p;
  }

  @EventListener
  void onLocalCommit(ChangeCommitted change) {
    ChangePublisher p = publisher;
    if (p != null) {
      p.publishLater(change.seq());
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Connects to {@code broker}, or disconnects when it is null. Called at start and whenever the
   * clustering settings change; a call with the current configuration does nothing. Never blocks on
   * an unreachable broker for longer than the connection timeout: subscriptions and consumers
   * connect in the background and retry with back-off.
   */
  public synchronized void reconfigure(BrokerSettings broker) {
    if (java.util.Objects.equals(broker, current)) {
      return;
    }
    disconnect();
    current = broker;
    if (broker == null) {
      log.info("clustering is off: this node runs alone and follows the change log by polling");
      return;
    }
    log.info(
        "joining cluster '{}' through {} as {}",
        destinations.cluster(),
        broker.maskedUrl(),
        identity.nodeId());
    BrokerWatch w = new BrokerWatch(new BrokerProbe(broker, destinations), broker.maskedUrl());
    watch = w;
    publisher =
        new ChangePublisher(
            new TopicPublisher(broker, destinations),
            identity.nodeId(),
            sent,
            dropped,
            covered,
            w::down,
            notificationGap);
    inspector = new QueueInspector(broker, destinations);
    DurableSubscriptions s = new DurableSubscriptions(broker, destinations, identity.nodeId());
    ChangePublisher announcing = publisher;
    topicListeners
        .orderedStream()
        .forEach(
            l -> {
              jakarta.jms.MessageListener delivery =
                  message -> {
                    received.increment();
                    if (l.topic() == CatalogTopic.RE_INDEX) {
                      announcing.announcedElsewhere(message);
                    }
                    invoke(l.topic().baseName(), () -> l.onMessage(message));
                  };
              if (l.receivesOwnMessages()) {
                s.subscribe(l.topic(), delivery);
              } else {
                s.subscribeExceptFrom(l.topic(), identity.nodeId(), delivery);
              }
            });
    s.start();
    subscriptions = s;
    queueListeners
        .orderedStream()
        .forEach(
            l -> {
              QueueConsumer consumer =
                  new QueueConsumer(
                      broker,
                      destinations,
                      l.queue(),
                      l.concurrency(),
                      message -> invoke(l.queue().baseName(), () -> l.onMessage(message)));
              consumer.start();
              queueConsumers.add(consumer);
            });
  }

  private interface Work {
    void run() throws Exception;
  }

  private static void invoke(String destination, Work work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(destination + " listener interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(destination + " listener failed", e);
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    disconnect();
    current = null;
  }

  private void disconnect() {
    BrokerWatch w = watch;
    watch = null;
    if (w != null) {
      w.close();
    }
    queueConsumers.forEach(QueueConsumer::close);
    queueConsumers.clear();
    DurableSubscriptions s = subscriptions;
    subscriptions = null;
    if (s != null) {
      s.close();
    }
    ChangePublisher p = publisher;
    publisher = null;
    if (p != null) {
      p.close();
    }
    QueueInspector i = inspector;
    inspector = null;
    if (i != null) {
      i.close();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // After the index synchronizer (phase 0): started after it, stopped before it.
    return 10;
  }
}
