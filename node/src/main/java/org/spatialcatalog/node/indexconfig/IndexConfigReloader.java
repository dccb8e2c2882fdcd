package org.spatialcatalog.node.indexconfig;

import jakarta.jms.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.TopicListener;
import org.spatialcatalog.node.sync.IndexSynchronizer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * RELOAD-INDEX-CONF: reads the index configuration from the database when its revision changed,
 * activates it and rebuilds this node's index in the background (searches keep answering from the
 * old index meanwhile). Also checks the revision every few seconds, for nodes that missed the
 * message, and once at start.
 */
@Component
class IndexConfigReloader implements TopicListener {

  private static final Logger log = LoggerFactory.getLogger(IndexConfigReloader.class);

  private final IndexConfigStore store;
  private final ActiveIndexConfig active;
  private final IndexSynchronizer synchronizer;

  IndexConfigReloader(
      IndexConfigStore store, ActiveIndexConfig active, IndexSynchronizer synchronizer) {
    this.store = store;
    this.active = active;
    this.synchronizer = synchronizer;
  }

  @Override
  public CatalogTopic topic() {
    return CatalogTopic.RELOAD_INDEX_CONF;
  }

  @Override
  public void onMessage(Message message) {
    reloadIfChanged();
  }

  @Scheduled(initialDelay = 0, fixedDelayString = "${catalog.index-config-poll-interval:5000}")
  void poll() {
    try {
      reloadIfChanged();
    } catch (RuntimeException e) {
      log.warn("index configuration not reloaded: {}", e.toString());
    }
  }

  synchronized void reloadIfChanged() {
    if (store.revision() == active.revision()) {
      return;
    }
    IndexConfigStore.Stored stored = store.load();
    boolean first = active.revision() < 0;
    active.activate(stored.configuration(), stored.revision());
    if (first && stored.revision() == 0) {
      return;
    }
    log.info(
        "index configuration revision {} active ({} fields); rebuilding the index",
        stored.revision(),
        stored.configuration().fields().size());
    // At start the index may already hold this configuration; rebuilding once is the safe side.
    synchronizer.rebuildInBackground();
  }
}
