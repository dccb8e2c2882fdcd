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

  public TopicPublisher(BrokerSettings settings, Destinations destinations) {
    this.destinations = destinations;
    this.connections = new CachingConnectionFactory(ConnectionFactories.create(settings));
    connections.setReconnectOnException(true);
    connections.setSessionCacheSize(4);
    this.template = new JmsTemplate(connections);
    template.setExplicitQosEnabled(true);
    template.setDeliveryMode(DeliveryMode.PERSISTENT);
    template.setTimeToLive(settings.messageTimeToLive().toMillis());
  }

  /** Publishes {@code body} with string or long properties on a topic. */
  public void publish(CatalogTopic topic, String body, Map<String, ?> properties) {
    template.setPubSubDomain(true);
    send(destinations.topic(topic), body, properties);
  }

  /** Sends {@code body} to a queue, where exactly one consumer receives it. */
  public void send(CatalogQueue queue, String body, Map<String, ?> properties) {
    send(destinations.queue(queue), body, properties);
  }

  /**
   * Sends {@code body} to a queue with a JMS priority (0 lowest to 9 highest): on a broker with
   * prioritized messages, consumers receive higher priorities first.
   */
  public void send(CatalogQueue queue, String body, Map<String, ?> properties, int priority) {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("JMS priority must be 0 to 9, was " + priority);
    }
    template.execute(session -> {
      try (jakarta.jms.MessageProducer producer =
          session.createProducer(destinations.queue(queue))) {
        TextMessage message = session.createTextMessage(body == null ? "" : body);
        for (Map.Entry<String, ?> e : properties.entrySet()) {
          setProperty(message, e.getKey(), e.getValue());
        }
        producer.send(message, DeliveryMode.PERSISTENT, priority, template.getTimeToLive());
      }
      return null;
    }, true);
  }

  private void send(jakarta.jms.Destination destination, String body, Map<String, ?> properties) {
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
  }
}
