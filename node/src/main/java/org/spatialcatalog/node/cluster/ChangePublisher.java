package org.spatialcatalog.node.cluster;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogQueue;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.messaging.TopicPublisher;

/**
 * Publishes RE-INDEX notifications after commit, on its own thread, so an HTTP request never waits
 * for the broker. When the broker is unreachable or the queue of pending notifications is full, a
 * notification is dropped and logged: every node still reads the change log at each poll.
 */
final class ChangePublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

  private final TopicPublisher publisher;
  private final String nodeId;
  private final ThreadPoolExecutor executor;

  ChangePublisher(TopicPublisher publisher, String nodeId) {
    this.publisher = publisher;
    this.nodeId = nodeId;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000),
            r -> {
              Thread t = new Thread(r, "change-publisher");
              t.setDaemon(true);
              return t;
            },
            (r, pool) -> log.warn("notification queue full; change left to the change-log poll"));
  }

  void publishLater(long seq, String recordId) {
    executor.execute(
        () -> {
          try {
            publisher.publish(
                CatalogTopic.RE_INDEX,
                "",
                Map.of("seq", seq, "recordId", recordId, "origin", nodeId));
          } catch (RuntimeException e) {
            log.warn("RE-INDEX for change {} not published ({}); nodes will poll", seq,
                e.getMessage());
          }
        });
  }

  void publishNow(CatalogTopic topic, String body, Map<String, ?> properties) {
    publisher.publish(topic, body, properties);
  }

  void sendNow(CatalogQueue queue, String body, Map<String, ?> properties) {
    publisher.send(queue, body, properties);
  }

  void sendNow(CatalogQueue queue, String body, Map<String, ?> properties, int priority) {
    publisher.send(queue, body, properties, priority);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
  }
}
