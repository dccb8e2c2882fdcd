package org.spatialcatalog.node.history;

import jakarta.jms.Message;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.MessagingUnavailableException;
import org.spatialcatalog.node.cluster.TopicListener;
import org.spatialcatalog.node.record.VersionKept;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * MD-VERSIONING: after a version is committed to the history, every node hears of it (and counts
 * it, for the node status). The history itself is in the shared database, so a lost announcement
 * loses nothing.
 */
@Component
class VersionAnnouncer implements TopicListener {

  private static final Logger log = LoggerFactory.getLogger(VersionAnnouncer.class);

  private final ClusterMembership membership;
  private final AtomicLong announced = new AtomicLong();

  VersionAnnouncer(ClusterMembership membership) {
    this.membership = membership;
  }

  @TransactionalEventListener
  void versionCommitted(VersionKept kept) {
    if (!membership.clustering()) {
      announced.incrementAndGet();
      return;
    }
    try {
      membership.publish(
          CatalogTopic.MD_VERSIONING,
          "",
          Map.of("recordId", kept.recordId(), "version", kept.version()));
    } catch (MessagingUnavailableException e) {
      log.warn(
          "MD-VERSIONING for {} v{} not published: {}",
          kept.recordId(),
          kept.version(),
          e.getMessage());
    }
  }

  @Override
  public CatalogTopic topic() {
    return CatalogTopic.MD_VERSIONING;
  }

  @Override
  public void onMessage(Message message) throws Exception {
    announced.incrementAndGet();
    log.debug(
        "record {} version {} kept",
        message.getStringProperty("recordId"),
        message.getLongProperty("version"));
  }

  long announced() {
    return announced.get();
  }
}
