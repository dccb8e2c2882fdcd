package org.spatialcatalog.node.sync;

import jakarta.jms.Message;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.TopicListener;
import org.springframework.stereotype.Component;

/**
 * RE-INDEX: another node committed change {@code seq}. The message is acknowledged only once this
 * node's index has applied it; otherwise the listener throws and the message is delivered again
 * ({@code DurableSubscriptions}: the session recovers; after the bounded redeliveries it goes to
 * the dead-letter queue).
 */
@Component
class ReindexListener implements TopicListener {

  private static final Logger log = LoggerFactory.getLogger(ReindexListener.class);
  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

  private final IndexSynchronizer synchronizer;

  ReindexListener(IndexSynchronizer synchronizer) {
    this.synchronizer = synchronizer;
  }

  @Override
  public CatalogTopic topic() {
    return CatalogTopic.RE_INDEX;
  }

  /** This node's own changes are applied as they commit here ({@code OwnWrites}). */
  @Override
  public boolean receivesOwnMessages() {
    return false;
  }

  @Override
  public void onMessage(Message message) throws Exception {
    if (!message.propertyExists("seq")) {
      log.warn("ignoring RE-INDEX message without a seq property: {}", message.getJMSMessageID());
      return;
    }
    long seq = message.getLongProperty("seq");
    synchronizer.changeCommitted(seq);
    if (!synchronizer.awaitApplied(seq, APPLY_TIMEOUT)) {
      throw new IllegalStateException(
          "change " + seq + " not applied within " + APPLY_TIMEOUT + "; will be redelivered");
    }
  }
}
