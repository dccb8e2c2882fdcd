package org.spatialcatalog.messaging;

import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.command.ActiveMQTopic;
import org.spatialcatalog.config.ClusterName;

/**
 * The physical destination names of one cluster: {@code <cluster>.<TOPIC>}, so several catalogs can
 * share one broker.
 */
public final class Destinations {

  private final ClusterName cluster;

  public Destinations(ClusterName cluster) {
    this.cluster = cluster;
  }

  public ClusterName cluster() {
    return cluster;
  }

  public String name(CatalogTopic topic) {
    return cluster.value() + "." + topic.baseName();
  }

  public String name(CatalogQueue queue) {
    return cluster.value() + "." + queue.baseName();
  }

  public ActiveMQTopic topic(CatalogTopic topic) {
    return new ActiveMQTopic(name(topic));
  }

  public ActiveMQQueue queue(CatalogQueue queue) {
    return new ActiveMQQueue(name(queue));
  }

  /** The durable subscription name a node uses on a topic (client id = node id). */
  public String subscriptionName(CatalogTopic topic) {
    return topic.baseName();
  }
}
