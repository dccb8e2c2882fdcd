package org.spatialcatalog.node.indexconfig;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.MessagingUnavailableException;
import org.spatialcatalog.node.sync.IndexSynchronizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/index/config}: the extra index fields. A PUT validates the whole configuration
 * (field names, schemas, XPath syntax), stores it, publishes RELOAD-INDEX-CONF and answers 202:
 * every node reloads it and rebuilds its index in the background.
 */
@RestController
class IndexConfigController {

  private static final Logger log = LoggerFactory.getLogger(IndexConfigController.class);

  private final IndexConfigStore store;
  private final IndexConfigReloader reloader;
  private final ActiveIndexConfig active;
  private final ClusterMembership membership;
  private final IndexSynchronizer synchronizer;

  IndexConfigController(
      IndexConfigStore store,
      IndexConfigReloader reloader,
      ActiveIndexConfig active,
      ClusterMembership membership,
      IndexSynchronizer synchronizer) {
    this.store = store;
    this.reloader = reloader;
    this.active = active;
    this.membership = membership;
    this.synchronizer = synchronizer;
  }

  @GetMapping("/api/admin/index/config")
  Map<String, Object> get() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fields", active.configuration().fields());
    body.put("revision", active.revision());
    body.put("rebuilding", synchronizer.isRebuilding());
    return body;
  }

  @PutMapping("/api/admin/index/config")
  ResponseEntity<Map<String, Object>> put(@RequestBody IndexConfiguration configuration) {
    long revision = store.store(configuration);
    log.info(
        "index configuration revision {} stored ({} fields)",
        revision,
        configuration.fields().size());
    if (membership.clustering()) {
      try {
        membership.publish(CatalogTopic.RELOAD_INDEX_CONF, "", Map.of("revision", revision));
      } catch (MessagingUnavailableException e) {
        log.warn(
            "RELOAD-INDEX-CONF not published ({}); nodes pick it up by polling", e.getMessage());
      }
    }
    reloader.reloadIfChanged();
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(get());
  }
}
