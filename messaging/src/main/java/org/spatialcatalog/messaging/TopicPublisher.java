package org.spatialcatalog.messaging;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Sends persistent text messages to the cluster's topics and queues.
 *
 * <p>Every call returns within the configured send timeout ({@link BrokerSettings}): it runs on a
 * bounded pool of {@code broker-send} threads and the caller waits at most that long, then gets a
 * {@link BrokerCallTimeoutException}; the connection is then closed in the background and reopened
 * by the next send. Topic messages are sent asynchronously (no broker round trip per message);
 * queue messages synchronously, so a send that returned is on the broker. A lost notification is
 * harmless: the database change log is the truth.
 */
public final class TopicPublisher implements AutoCloseable {

  private final Destinations destinations;
  private final CachingConnectionFactory connections;
  private final JmsTemplate template;
  private final CachingConnectionFactory queueConnections;
  private final JmsTemplate queueTemplate;
  private final java.time.Duration deadline;
  private final DeadlineRunner runner;
  private final java.util.concurrent.atomic.AtomicBoolean resetting =
      new java.util.concurrent.atomic.AtomicBoolean();

  public TopicPublisher(BrokerSettings settings, Destinations destinations) {
    this.destinations = destinations;
    this.deadline = settings.sendTimeout();
    this.runner = new DeadlineRunner("broker-send", 4, this::resetInBackground);
    org.apache.activemq.ActiveMQConnectionFactory factory = ConnectionFactories.create(settings);
    // Notifications need no broker round trip per message: the database is the truth, and a
    // synchronous persistent send would cap the topic at the broker's disk-sync rate.
    factory.setUseAsyncSend(true);
    this.connections = new CachingConnectionFactory(factory);
    connections.setReconnectOnException(true);
    connections.setSessionCacheSize(4);
    this.template = new JmsTemplate(connections);
    template.setExplicitQosEnabled(true);
    template.setDeliveryMode(DeliveryMode.PERSISTENT);
    template.setTimeToLive(settings.messageTimeToLive().toMillis());
    // Queue messages (harvest jobs) are work, not notifications: sent synchronously, so a send
    // that returned is on the broker's disk.
    this.queueConnections = new CachingConnectionFactory(ConnectionFactories.create(settings));
    queueConnections.setReconnectOnException(true);
    queueConnections.setSessionCacheSize(2);
    this.queueTemplate = new JmsTemplate(queueConnections);
    queueTemplate.setExplicitQosEnabled(true);
    queueTemplate.setDeliveryMode(DeliveryMode.PERSISTENT);
    queueTemplate.setTimeToLive(settings.messageTimeToLive().toMillis());
  }

  /** Publishes {@code body} with string or long properties on a topic. */
  public void publish(CatalogTopic topic, String body, Map<String, ?> properties) {
    runner.call(
        "publish on " + topic.baseName(),
        deadline,
        () -> {
          send(template, destinations.topic(topic), body, properties);
          return null;
        });
  }

  /** Sends {@code body} to a queue, where exactly one consumer receives it. */
  public void send(CatalogQueue queue, String body, Map<String, ?> properties) {
    runner.call(
        "send to " + queue.baseName(),
        deadline,
        () -> {
          send(queueTemplate, destinations.queue(queue), body, properties);
          return null;
        });
  }

  /**
   * Sends {@code body} to a queue with a JMS priority (0 lowest to 9 highest): on a broker with
   * prioritized messages, consumers receive higher priorities first.
   */
  public void send(CatalogQueue queue, String body, Map<String, ?> properties, int priority) {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("JMS priority must be 0 to 9, was " + priority);
    }
    runner.call(
        "send to " + queue.baseName(),
        deadline,
        () ->
            queueTemplate.execute(
                session -> {
                  try (jakarta.jms.MessageProducer producer =
                      session.createProducer(destinations.queue(queue))) {
                    TextMessage message = session.createTextMessage(body == null ? "" : body);
                    for (Map.Entry<String, ?> e : properties.entrySet()) {
                      setProperty(message, e.getKey(), e.getValue());
                    }
                    producer.send(
                        message, DeliveryMode.PERSISTENT, priority, queueTemplate.getTimeToLive());
                  }
                  return null;
                },
                true));
  }

  /**
   * Closes the connections after a call overran, on a thread of its own (closing can wait for the
   * same stuck transport); the next send opens new ones.
   */
  private void resetInBackground() {
    if (!resetting.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                connections.resetConnection();
                queueConnections.resetConnection();
              } catch (RuntimeException ignored) {
                // the connection is broken anyway; the next send makes a new one
              } finally {
                resetting.set(false);
              }
            },
            "broker-send-reset");
    t.setDaemon(true);
    t.start();
  }

  private static void send(
      JmsTemplate template,
      jakarta.jms.Destination destination,
      String body,
      Map<String, ?> properties) {
    template.send(
        destination,
        session -> {
          TextMessage message = session.createTextMessage(body == null ? "" : body);
          for (Map.Entry<String, ?> e : properties.entrySet()) {
            setProperty(message, e.getKey(), e.getValue());
          }
          return message;
        });
  }

  private static void setProperty(TextMessage message, String key, Object value)
      throws JMSException {
    if (value instanceof Long l) {
      message.setLongProperty(key, l);
    } else if (value instanceof Integer i) {
      message.setIntProperty(key, i);
    } else {
      message.setStringProperty(key, String.valueOf(value));
    }
  }

  @Override
  public void close() {
    runner.close();
    connections.destroy();
    queueConnections.destroy();
  }
}
