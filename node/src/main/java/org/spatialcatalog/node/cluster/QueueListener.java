package org.spatialcatalog.node.cluster;

import jakarta.jms.Message;
import org.spatialcatalog.messaging.CatalogQueue;

/**
 * A feature's consumer of one of the cluster queues. Every bean of this type consumes its queue
 * while clustering is on (transacted, prefetch 1). Throwing rolls the message back; it is
 * redelivered a bounded number of times, then goes to {@code DLQ.<queue>}.
 */
public interface QueueListener {

  CatalogQueue queue();

  /** How many messages this node handles at once. */
  default int concurrency() {
    return 1;
  }

  void onMessage(Message message) throws Exception;
}
