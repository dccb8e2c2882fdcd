package org.spatialcatalog.node.cluster;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.messaging.BrokerSettings;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.messaging.Destinations;
import org.spatialcatalog.messaging.DurableSubscriptions;
import org.spatialcatalog.messaging.TopicPublisher;
import org.spatialcatalog.node.changelog.ChangeCommitted;
import org.spatialcatalog.node.sync.IndexSynchronizer;
import org.spatialcatalog.node.system.CatalogProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This node's part in the cluster's messaging: it publishes RE-INDEX after each local commit and
 * holds durable subscriptions (client id = node id) to RE-INDEX and OPTIMIZE-INDEX.
 *
 * <p>A RE-INDEX message is acknowledged only once its change is in this node's index; if that does
 * not happen in time the transaction rolls back and the broker redelivers. Without a broker URL
 * the node runs alone and only follows the change log by polling.
 */
@Component
public class ClusterMembership implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);
  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

  private final CatalogProperties properties;
  private final Destinations destinations;
  private final NodeIdentity identity;
  private final IndexSynchronizer synchronizer;
  private final RecordIndex index;

  private volatile ChangePublisher publisher;
  private volatile DurableSubscriptions subscriptions;
  private volatile boolean running;

  ClusterMembership(
      CatalogProperties properties,
      Destinations destinations,
      NodeIdentity identity,
      IndexSynchronizer synchronizer,
      RecordIndex index) {
    this.properties = properties;
    this.destinations = destinations;
    this.identity = identity;
    this.synchronizer = synchronizer;
    this.index = index;
  }

  /** "off" without a broker, else "connected" or "disconnected". */
  public String state() {
    if (!properties.clustering()) {
      return "off";
    }
    DurableSubscriptions s = subscriptions;
    return s != null && s.isConnected() ? "connected" : "disconnected";
  }

  public boolean clustering() {
    return properties.clustering();
  }

  /** Asks every node (this one included) to optimize its index. */
  public void optimizeEverywhere() {
    ChangePublisher p = publisher;
    if (p == null) {
      optimizeHere();
      return;
    }
    p.publishNow(CatalogTopic.OPTIMIZE_INDEX, Map.of("origin", identity.nodeId()));
  }

  @EventListener
  void onLocalCommit(ChangeCommitted change) {
    ChangePublisher p = publisher;
    if (p != null) {
      p.publishLater(change.seq(), change.recordId());
    }
  }

  private void onReindex(Message message) {
    try {
      long seq = message.getLongProperty("seq");
      synchronizer.changeCommitted(seq);
      if (!synchronizer.awaitApplied(seq, APPLY_TIMEOUT)) {
        throw new IllegalStateException(
            "change " + seq + " not applied within " + APPLY_TIMEOUT + "; will be redelivered");
      }
    } catch (JMSException | NumberFormatException e) {
      log.warn("ignoring RE-INDEX message without a valid seq: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void onOptimize(Message message) {
    optimizeHere();
  }

  private void optimizeHere() {
    log.info("optimizing the index (force merge)");
    synchronizer.exclusively(
        () -> {
          index.forceMerge();
          return null;
        });
  }

  @Override
  public void start() {
    running = true;
    if (!properties.clustering()) {
      log.info("clustering is off (no catalog.broker-url): this node runs alone");
      return;
    }
    BrokerSettings settings =
        new BrokerSettings(
            properties.brokerUrl(),
            properties.brokerUser(),
            properties.brokerPassword(),
            properties.sync().sendTimeout(),
            properties.sync().messageTimeToLive());
    log.info(
        "joining cluster '{}' through {} as {}",
        destinations.cluster(),
        settings.maskedUrl(),
        identity.nodeId());
    publisher = new ChangePublisher(new TopicPublisher(settings, destinations), identity.nodeId());
    DurableSubscriptions s = new DurableSubscriptions(settings, destinations, identity.nodeId());
    s.subscribe(CatalogTopic.RE_INDEX, this::onReindex);
    s.subscribe(CatalogTopic.OPTIMIZE_INDEX, this::onOptimize);
    s.start();
    subscriptions = s;
  }

  @Override
  public void stop() {
    running = false;
    DurableSubscriptions s = subscriptions;
    subscriptions = null;
    if (s != null) {
      s.close();
    }
    ChangePublisher p = publisher;
    publisher = null;
    if (p != null) {
      p.close();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // After the index synchronizer (phase 0): started after it, stopped before it.
    return 10;
  }
}
