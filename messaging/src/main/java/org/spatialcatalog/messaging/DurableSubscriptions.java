package org.spatialcatalog.messaging;

import jakarta.jms.MessageListener;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The durable topic subscriptions of one node, sharing one connection whose client id is the node
 * id.
 *
 * <p>Guarantees: a message is acknowledged only when its listener returned normally (client
 * acknowledgement, sent once the listener is done); a listener that throws gets the message again,
 * after the session recovers (bounded redeliveries, then the dead-letter queue). As with a
 * transaction, a node that stops between a listener's return and the acknowledgement gets that
 * message again at its next start. While the broker is unreachable, or refuses the client id
 * because it has not yet noticed the node's previous connection died, each subscription retries
 * with exponential back-off (up to 30 s between attempts) instead of failing the node.
 *
 * <p>Not transacted: a transaction per message cost each delivery a synchronous commit with the
 * broker and a transaction in its store, while the listeners send nothing in it. In {@code bench
 * sync} (issue 11, thirteenth step) the three nodes' RE-INDEX deliveries made messaging about a
 * fifth of the machine's CPU per write.
 */
public final class DurableSubscriptions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DurableSubscriptions.class);

  private final Destinations destinations;
  private final SingleConnectionFactory connection;
  private final List<DefaultMessageListenerContainer> containers = new ArrayList<>();

  public DurableSubscriptions(BrokerSettings settings, Destinations destinations, String clientId) {
    this.destinations = destinations;
    this.connection = new SingleConnectionFactory(ConnectionFactories.create(settings));
    connection.setClientId(clientId);
    connection.setReconnectOnException(true);
  }

  /**
   * The message property naming the node that published a message; {@link #subscribeExceptFrom}
   * filters on it.
   */
  public static final String ORIGIN = "origin";

  /** Registers a listener for a topic; call before {@link #start()}. */
  public void subscribe(CatalogTopic topic, MessageListener listener) {
    subscribe(topic, null, listener);
  }

  /**
   * Registers a listener for the messages of a topic that {@code origin} did not publish (their
   * {@link #ORIGIN} property names another node, or none); call before {@link #start()}. The broker
   * filters, so a node's own messages cost it no delivery and no acknowledgement. A subscription
   * that existed without this filter is replaced by the broker, dropping what it still held.
   */
  public void subscribeExceptFrom(CatalogTopic topic, String origin, MessageListener listener) {
    subscribe(
        topic,
        ORIGIN + " IS NULL OR " + ORIGIN + " <> '" + origin.replace("'", "''") + "'",
        listener);
  }

  private void subscribe(CatalogTopic topic, String selector, MessageListener listener) {
    DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
    container.setMessageSelector(selector);
    container.setConnectionFactory(connection);
    container.setDestination(destinations.topic(topic));
    container.setPubSubDomain(true);
    container.setSubscriptionDurable(true);
    container.setDurableSubscriptionName(destinations.subscriptionName(topic));
    container.setSessionTransacted(false);
    container.setSessionAcknowledgeMode(jakarta.jms.Session.CLIENT_ACKNOWLEDGE);
    container.setConcurrentConsumers(1);
    container.setCacheLevel(DefaultMessageListenerContainer.CACHE_CONSUMER);
    container.setReceiveTimeout(1000);
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
    backOff.setMaxInterval(30_000);
    container.setBackOff(backOff);
    container.setMessageListener(listener);
    container.setBeanName("durable-" + topic.baseName());
    container.setErrorHandler(
        e -> log.warn("{} listener failed; the message will be redelivered", topic, e));
    container.setExceptionListener(
        e -> log.warn("connection for {} lost: {}; reconnecting", topic, e.getMessage()));
    container.afterPropertiesSet();
    containers.add(container);
  }

  public void start() {
    containers.forEach(DefaultMessageListenerContainer::start);
  }

  /** Whether every subscription currently has a live consumer on the broker. */
  public boolean isConnected() {
    return !containers.isEmpty()
        && containers.stream()
            .allMatch(c -> c.isRunning() && c.isRegisteredWithDestination() && !c.isRecovering());
  }

  /**
   * Removes the durable subscriptions of a node that is gone for good (client id {@code clientId})
   * on {@code topics}; returns the topics whose subscription existed and was removed. Fails while
   * that node is still connected (the broker refuses its client id). Returns within the send
   * timeout.
   */
  public static java.util.List<CatalogTopic> remove(
      BrokerSettings settings,
      Destinations destinations,
      String clientId,
      java.util.Collection<CatalogTopic> topics) {
    try (DeadlineRunner runner = new DeadlineRunner("broker-unsubscribe", 1, () -> {})) {
      return runner.call(
          "remove subscriptions of " + clientId,
          settings.sendTimeout(),
          () -> {
            java.util.List<CatalogTopic> removed = new ArrayList<>();
            try (jakarta.jms.Connection connection =
                ConnectionFactories.create(settings).createConnection()) {
              connection.setClientID(clientId);
              try (jakarta.jms.Session session =
                  connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE)) {
                for (CatalogTopic topic : topics) {
                  try {
                    session.unsubscribe(destinations.subscriptionName(topic));
                    removed.add(topic);
                  } catch (jakarta.jms.InvalidDestinationException none) {
                    // that node never subscribed to this topic, or it already expired
                  }
                }
              }
            }
            return removed;
          });
    }
  }

  @Override
  public void close() {
    containers.forEach(DefaultMessageListenerContainer::shutdown);
    connection.destroy();
  }
}
