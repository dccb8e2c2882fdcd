package org.spatialcatalog.node.cluster;

import jakarta.jms.Message;
import org.spatialcatalog.messaging.CatalogTopic;

/**
 * A feature's listener on one of the cluster topics. Every bean of this type gets a durable
 * subscription (client id = node id) while clustering is on. Throwing rolls the message back; it is
 * redelivered a bounded number of times. Listeners must be idempotent.
 */
public interface TopicListener {

  CatalogTopic topic();

  void onMessage(Message message) throws Exception;

  /**
   * Whether this node receives the messages it published itself. False: the broker leaves them out
   * ({@code DurableSubscriptions.subscribeExceptFrom}), so they cost no delivery.
   */
  default boolean receivesOwnMessages() {
    return true;
  }
}
