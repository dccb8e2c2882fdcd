package org.spatialcatalog.messaging;

import jakarta.jms.MessageListener;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Consumes one of the cluster's queues: each message goes to exactly one consumer in the cluster.
 *
 * <p>Sessions are transacted (acknowledged only when the listener returned normally; bounded
 * redeliveries, then {@code DLQ.<queue>}) and the prefetch is 1, so a busy node does not hoard
 * messages an idle node could take. Reconnects with back-off like {@link DurableSubscriptions}.
 */
public final class QueueConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

  private final CachingConnectionFactory connections;
  private final DefaultMessageListenerContainer container;

  public QueueConsumer(
      BrokerSettings settings,
      Destinations destinations,
      CatalogQueue queue,
      int concurrency,
      MessageListener listener) {
    ActiveMQConnectionFactory factory = ConnectionFactories.create(settings);
    ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
    prefetch.setQueuePrefetch(1);
    factory.setPrefetchPolicy(prefetch);
    connections = new CachingConnectionFactory(factory);
    connections.setReconnectOnException(true);
    container = new DefaultMessageListenerContainer();
    container.setConnectionFactory(connections);
    container.setDestination(destinations.queue(queue));
    container.setSessionTransacted(true);
    container.setConcurrentConsumers(concurrency);
    container.setMaxConcurrentConsumers(concurrency);
    container.setCacheLevel(DefaultMessageListenerContainer.CACHE_CONSUMER);
    container.setReceiveTimeout(1000);
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
    backOff.setMaxInterval(30_000);
    container.setBackOff(backOff);
    container.setMessageListener(listener);
    container.setBeanName("queue-" + queue.baseName());
    container.setErrorHandler(
        e -> log.warn("{} listener failed; the message will be redelivered", queue, e));
    container.afterPropertiesSet();
  }

  public void start() {
    container.start();
  }

  public boolean isConnected() {
    return container.isRunning()
        && container.isRegisteredWithDestination()
        && !container.isRecovering();
  }

  @Override
  public void close() {
    container.shutdown();
    connections.destroy();
  }
}
