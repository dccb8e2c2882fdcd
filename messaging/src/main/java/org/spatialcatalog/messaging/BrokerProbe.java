package org.spatialcatalog.messaging;

import jakarta.jms.DeliveryMode;
import java.time.Duration;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.command.ActiveMQTopic;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Tells whether the broker answers right now, by a round trip that a silent network cannot fake: a
 * small non-persistent message to the topic {@code <cluster>.PROBE} (which nobody subscribes to, so
 * the broker drops it) sent synchronously, so the broker must acknowledge it. A connection that is
 * open but black-holed passes every local check; only an answer proves the broker is there. Each
 * check returns within the send timeout.
 */
public final class BrokerProbe implements AutoCloseable {

  private final CachingConnectionFactory connections;
  private final JmsTemplate template;
  private final ActiveMQTopic topic;
  private final Duration deadline;
  private final DeadlineRunner runner;

  public BrokerProbe(BrokerSettings settings, Destinations destinations) {
    ActiveMQConnectionFactory factory = ConnectionFactories.create(settings);
    factory.setAlwaysSyncSend(true);
    this.connections = new CachingConnectionFactory(factory);
    connections.setReconnectOnException(true);
    connections.setSessionCacheSize(1);
    this.template = new JmsTemplate(connections);
    template.setExplicitQosEnabled(true);
    template.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
    template.setTimeToLive(10_000);
    this.topic = new ActiveMQTopic(destinations.cluster().value() + ".PROBE");
    this.deadline = settings.sendTimeout();
    this.runner = new DeadlineRunner("broker-probe-call", 2, this::resetInBackground);
  }

  /** Throws when the broker did not acknowledge a message within the send timeout. */
  public void check() {
    runner.call(
        "broker probe",
        deadline,
        () -> {
          template.send(topic, session -> session.createTextMessage(""));
          return null;
        });
  }

  private void resetInBackground() {
    Thread t =
        new Thread(
            () -> {
              try {
                connections.resetConnection();
              } catch (RuntimeException ignored) {
                // broken anyway; the next check connects again
              }
            },
            "broker-probe-reset");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    runner.close();
    connections.destroy();
  }
}
