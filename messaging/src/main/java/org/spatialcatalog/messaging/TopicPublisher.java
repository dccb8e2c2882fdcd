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
 * <p>A send blocks at most for the configured send timeout (see {@link BrokerSettings}), then
 * throws; callers that must never block (HTTP requests) publish through a background thread. A
 * lost notification is harmless: the database change log is the truth.
 */
public final class TopicPublisher implements AutoCloseable {

  private final Destinations destinations;
  private final CachingConnectionFactory connections;
  private final JmsTemplate template;
  private final CachingConnectionFactory queueConnections;
  private final JmsTemplate queueTemplate;

  public TopicPublisher(BrokerSettings settings, Destinations destinations) {
    this.destinations = destinations;
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
    send(template, destinations.topic(topic), body, properties);
  }

  /** Sends {@code body} to a queue, where exactly one consumer receives it. */
  public void send(CatalogQueue queue, String body, Map<String, ?> properties) {
    send(queueTemplate, destinations.queue(queue), body, properties);
  }

  /**
   * Sends {@code body} to a queue with a JMS priority (0 lowest to 9 highest): on a broker with
   * prioritized messages, consumers receive higher priorities first.
   */
  public void send(CatalogQueue queue, String body, Map<String, ?> properties, int priority) {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("JMS priority must be 0 to 9, was " + priority);
    }
    queueTemplate.execute(session -> {
      try (jakarta.jms.MessageProducer producer =
          session.createProducer(destinations.queue(queue))) {
        TextMessage message = session.createTextMessage(body == null ? "" : body);
        for (Map.Entry<String, ?> e : properties.entrySet()) {
          setProperty(message, e.getKey(), e.getValue());
        }
        producer.send(message, DeliveryMode.PERSISTENT, priority, queueTemplate.getTimeToLive());
      }
      return null;
    }, true);
  }

  private static void send(JmsTemplate template, jakarta.jms.Destination destination, String body,
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
    connections.destroy();
    queueConnections.destroy();
  }
}
