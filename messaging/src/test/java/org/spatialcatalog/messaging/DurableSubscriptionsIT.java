package org.spatialcatalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.ClusterName;

/** Durable subscriptions against a real embedded broker. */
class DurableSubscriptionsIT {

  @TempDir Path dir;
  CatalogBroker broker;
  BrokerSettings settings;
  Destinations destinations = new Destinations(new ClusterName("it"));

  @BeforeEach
  void startBroker() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    broker = CatalogBroker.start(dir, "tcp://127.0.0.1:" + port, Duration.ofDays(1));
    settings =
        new BrokerSettings(
            "failover:(tcp://127.0.0.1:" + port + ")?timeout=3000",
            null,
            null,
            // These tests are about delivery, not the send deadline (SyncHardeningClusterIT's
            // black-holed broker is): the first send to a fresh broker, which opens the connection
            // and the store, once took more than 3 s on a loaded machine.
            Duration.ofSeconds(30),
            Duration.ofDays(1));
  }

  @AfterEach
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void offlineSubscriberReceivesWhatItMissedInOrder() throws Exception {
    List<Long> received = new CopyOnWriteArrayList<>();
    DurableSubscriptions first = subscribe("node-a", received, new AtomicInteger());
    await().atMost(Duration.ofSeconds(20)).until(first::isConnected);
    first.close();

    try (TopicPublisher publisher = new TopicPublisher(settings, destinations)) {
      for (long seq = 1; seq <= 20; seq++) {
        publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", seq));
      }
    }
    DurableSubscriptions again = subscribe("node-a", received, new AtomicInteger());
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 20);
      assertThat(received).isSorted().startsWith(1L).endsWith(20L).doesNotHaveDuplicates();
    } finally {
      again.close();
    }
  }

  @Test
  void messageWhoseListenerFailsIsRedelivered() throws Exception {
    List<Long> received = new CopyOnWriteArrayList<>();
    AtomicInteger failuresLeft = new AtomicInteger(2);
    DurableSubscriptions subscriptions = subscribe("node-b", received, failuresLeft);
    try {
      await().atMost(Duration.ofSeconds(20)).until(subscriptions::isConnected);
      try (TopicPublisher publisher = new TopicPublisher(settings, destinations)) {
        publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", 7L));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> received.contains(7L));
      assertThat(failuresLeft).hasValue(-1);
    } finally {
      subscriptions.close();
    }
  }

  @Test
  void messageWhoseListenerAlwaysFailsEndsInTheDeadLetterQueue() throws Exception {
    List<Long> received = new CopyOnWriteArrayList<>();
    AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
    DurableSubscriptions subscriptions = subscribe("node-c", received, failuresLeft);
    try {
      await().atMost(Duration.ofSeconds(20)).until(subscriptions::isConnected);
      try (TopicPublisher publisher = new TopicPublisher(settings, destinations)) {
        publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", 9L));
      }
      try (Connection connection =
          new ActiveMQConnectionFactory(broker.connectUrl()).createConnection()) {
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer deadLetters =
            session.createConsumer(
                session.createQueue("DLQ." + destinations.name(CatalogTopic.RE_INDEX)));
        Message dead = deadLetters.receive(Duration.ofSeconds(30).toMillis());
        assertThat(dead).isNotNull();
        assertThat(dead.getLongProperty("seq")).isEqualTo(9L);
      }
      // the first delivery and each of the bounded redeliveries before the dead-letter queue
      int tried = Integer.MAX_VALUE - failuresLeft.get();
      assertThat(tried).isEqualTo(ConnectionFactories.MAX_REDELIVERIES + 1);
      assertThat(received).isEmpty();
    } finally {
      subscriptions.close();
    }
  }

  @Test
  void subscriptionExceptFromAnOriginGetsEveryOtherMessageAndKeepsWhatItMissed() throws Exception {
    // First without the filter, as a node of an earlier version subscribed: the broker must
    // replace that subscription rather than refuse the new one.
    List<Long> received = new CopyOnWriteArrayList<>();
    DurableSubscriptions unfiltered = subscribe("node-d", received, new AtomicInteger());
    await().atMost(Duration.ofSeconds(20)).until(unfiltered::isConnected);
    unfiltered.close();

    DurableSubscriptions filtered = exceptFrom("node-d", received);
    await().atMost(Duration.ofSeconds(20)).until(filtered::isConnected);
    filtered.close();
    try (TopicPublisher publisher = new TopicPublisher(settings, destinations)) {
      publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", 1L, "origin", "node-d"));
      publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", 2L, "origin", "node-e"));
      publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", 3L));
      publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", 4L, "origin", "node-d"));
      publisher.publish(CatalogTopic.RE_INDEX, "", Map.of("seq", 5L, "origin", "it's"));
    }
    // Published while it was away: the durable subscription kept the others' messages.
    DurableSubscriptions again = exceptFrom("node-d", received);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> received.contains(5L));
      assertThat(received).containsExactly(2L, 3L, 5L);
    } finally {
      again.close();
    }
  }

  private DurableSubscriptions exceptFrom(String clientId, List<Long> received) {
    DurableSubscriptions s = new DurableSubscriptions(settings, destinations, clientId);
    s.subscribeExceptFrom(
        CatalogTopic.RE_INDEX,
        clientId,
        message -> {
          try {
            received.add(message.getLongProperty("seq"));
          } catch (JMSException e) {
            throw new IllegalStateException(e);
          }
        });
    s.start();
    return s;
  }

  @Test
  void destinationsArePrefixedWithTheClusterName() {
    assertThat(destinations.name(CatalogTopic.RE_INDEX)).isEqualTo("it.RE-INDEX");
    assertThat(destinations.name(CatalogTopic.SYSTEM_CONFIGURATION_RESPONSE))
        .isEqualTo("it.SYSTEM_CONFIGURATION_RESPONSE");
    assertThat(destinations.name(CatalogQueue.HARVEST)).isEqualTo("it.HARVEST");
    assertThat(CatalogTopic.values()).hasSize(13);
  }

  private DurableSubscriptions subscribe(
      String clientId, List<Long> received, AtomicInteger failuresLeft) {
    DurableSubscriptions s = new DurableSubscriptions(settings, destinations, clientId);
    s.subscribe(
        CatalogTopic.RE_INDEX,
        message -> {
          try {
            if (failuresLeft.getAndDecrement() > 0) {
              throw new IllegalStateException("simulated listener failure");
            }
            received.add(message.getLongProperty("seq"));
          } catch (JMSException e) {
            throw new IllegalStateException(e);
          }
        });
    s.start();
    return s;
  }
}
