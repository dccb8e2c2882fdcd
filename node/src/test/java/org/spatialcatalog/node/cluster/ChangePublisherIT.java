package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.JMSException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.command.ActiveMQTextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.ClusterName;
import org.spatialcatalog.messaging.BrokerSettings;
import org.spatialcatalog.messaging.CatalogBroker;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.messaging.Destinations;
import org.spatialcatalog.messaging.DurableSubscriptions;
import org.spatialcatalog.messaging.TopicPublisher;

/**
 * RE-INDEX notifications of one node against a real broker: which of its changes it announces, and
 * which it leaves to another node's notification of a later change.
 */
class ChangePublisherIT {

  @TempDir Path dir;
  private CatalogBroker broker;
  private BrokerSettings settings;
  private final Destinations destinations = new Destinations(new ClusterName("cp"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Counter covered = registry.counter("covered");
  private final List<Long> announced = new CopyOnWriteArrayList<>();
  private DurableSubscriptions listener;
  private ChangePublisher publisher;

  @BeforeEach
  void start() throws Exception {
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
            Duration.ofSeconds(30),
            Duration.ofDays(1));
    // Another node's subscription: it receives what node-a announces.
    listener = new DurableSubscriptions(settings, destinations, "node-b");
    listener.subscribeExceptFrom(
        CatalogTopic.RE_INDEX,
        "node-b",
        message -> {
          try {
            announced.add(message.getLongProperty("seq"));
          } catch (JMSException e) {
            throw new IllegalStateException(e);
          }
        });
    listener.start();
    await().atMost(Duration.ofSeconds(20)).until(listener::isConnected);
    publisher =
        new ChangePublisher(
            new TopicPublisher(settings, destinations),
            "node-a",
            registry.counter("sent"),
            registry.counter("dropped"),
            covered,
            () -> false,
            Duration.ofMillis(30));
  }

  @AfterEach
  void stop() throws Exception {
    publisher.close();
    listener.close();
    broker.close();
  }

  @Test
  void aChangeAnotherNodeAnnouncedPastIsNotAnnouncedAgain() throws Exception {
    publisher.publishLater(5);
    await().atMost(Duration.ofSeconds(20)).until(() -> announced.contains(5L));

    publisher.announcedElsewhere(reIndex(10, "node-c"));
    publisher.publishLater(8);
    await().atMost(Duration.ofSeconds(20)).until(() -> covered.count() == 1);
    // Past what node-c announced: sent. Messages arrive in order, so 8 would be here before 12.
    publisher.publishLater(12);
    await().atMost(Duration.ofSeconds(20)).until(() -> announced.contains(12L));

    assertThat(announced).containsExactly(5L, 12L);
  }

  @Test
  void onlyAnotherNodesNotificationWithANumberCovers() throws Exception {
    publisher.announcedElsewhere(reIndex(30, "node-a")); // its own, looped back
    ActiveMQTextMessage noNumber = new ActiveMQTextMessage();
    noNumber.setStringProperty(DurableSubscriptions.ORIGIN, "node-c");
    publisher.announcedElsewhere(noNumber);
    publisher.publishLater(20);
    await().atMost(Duration.ofSeconds(20)).until(() -> announced.contains(20L));

    assertThat(covered.count()).isZero();
    assertThat(announced).containsExactly(20L);
  }

  private static ActiveMQTextMessage reIndex(long seq, String origin) throws JMSException {
    ActiveMQTextMessage m = new ActiveMQTextMessage();
    m.setLongProperty("seq", seq);
    m.setStringProperty(DurableSubscriptions.ORIGIN, origin);
    return m;
  }
}
