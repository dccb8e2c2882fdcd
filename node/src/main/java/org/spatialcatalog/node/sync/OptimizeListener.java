package org.spatialcatalog.node.sync;

import jakarta.jms.Message;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.TopicListener;
import org.springframework.stereotype.Component;

/** OPTIMIZE-INDEX: force-merge this node's index. */
@Component
class OptimizeListener implements TopicListener {

  private final IndexSynchronizer synchronizer;

  OptimizeListener(IndexSynchronizer synchronizer) {
    this.synchronizer = synchronizer;
  }

  @Override
  public CatalogTopic topic() {
    return CatalogTopic.OPTIMIZE_INDEX;
  }

  @Override
  public void onMessage(Message message) {
    synchronizer.optimize();
  }
}
