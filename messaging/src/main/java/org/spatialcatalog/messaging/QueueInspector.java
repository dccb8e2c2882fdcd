package org.spatialcatalog.messaging;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Looks at the messages waiting in one of the cluster's queues without consuming them (a JMS queue
 * browser), for instance to find out whether a job's message was lost with the broker's store.
 * Messages already delivered to a consumer are not seen. Returns within the send timeout when the
 * broker is unreachable, with a {@link BrokerCallTimeoutException}.
 */
public final class QueueInspector implements AutoCloseable {

  private final Destinations destinations;
  private final CachingConnectionFactory connections;
  private final JmsTemplate template;
  private final java.time.Duration deadline;
  private final DeadlineRunner runner;

  public QueueInspector(BrokerSettings settings, Destinations destinations) {
    this.destinations = destinations;
    this.deadline = settings.sendTimeout();
    this.runner = new DeadlineRunner("broker-browse", 2, () -> {});
    this.connections = new CachingConnectionFactory(ConnectionFactories.create(settings));
    connections.setReconnectOnException(true);
    this.template = new JmsTemplate(connections);
  }

  /** The values of a string property of the waiting messages, at most {@code max}. */
  public List<String> propertyValues(CatalogQueue queue, String property, int max) {
    return runner.call(
        "browse " + queue.baseName(),
        deadline,
        () ->
            template.browse(
                destinations.queue(queue),
                (session, browser) -> {
                  List<String> values = new ArrayList<>();
                  Enumeration<?> messages = browser.getEnumeration();
                  while (messages.hasMoreElements() && values.size() < max) {
                    values.add(value((Message) messages.nextElement(), property));
                  }
                  return values;
                }));
  }

  private static String value(Message message, String property) throws JMSException {
    return message.propertyExists(property) ? message.getStringProperty(property) : null;
  }

  @Override
  public void close() {
    runner.close();
    connections.destroy();
  }
}
