package org.spatialcatalog.node.harvest.schedule;

import jakarta.jms.Message;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.TopicListener;
import org.springframework.stereotype.Component;

/**
 * HARVESTER: a harvester definition changed on some node; this node's scheduler looks at the
 * definitions now instead of at its next tick. Idempotent: the definitions are read from the
 * database.
 */
@Component
class HarvesterChangeListener implements TopicListener {

  private final HarvestScheduler scheduler;

  HarvesterChangeListener(HarvestScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public CatalogTopic topic() {
    return CatalogTopic.HARVESTER;
  }

  @Override
  public void onMessage(Message message) {
    scheduler.wake();
  }
}
