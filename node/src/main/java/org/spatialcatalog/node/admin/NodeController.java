package org.spatialcatalog.node.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.SiteIdentity;
import org.spatialcatalog.node.sync.IndexSynchronizer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/node}: who this node is and how far its index is. Admin only. */
@RestController
class NodeController {

  private final NodeIdentity identity;
  private final SiteIdentity site;
  private final ClusterMembership membership;
  private final RecordIndex index;
  private final ChangeLog changeLog;
  private final IndexSynchronizer synchronizer;

  NodeController(
      NodeIdentity identity,
      SiteIdentity site,
      ClusterMembership membership,
      RecordIndex index,
      ChangeLog changeLog,
      IndexSynchronizer synchronizer) {
    this.identity = identity;
    this.site = site;
    this.membership = membership;
    this.index = index;
    this.changeLog = changeLog;
    this.synchronizer = synchronizer;
  }

  @GetMapping("/api/node")
  Map<String, Object> node() {
    long head = changeLog.head();
    long checkpoint = synchronizer.visibleCheckpoint();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("nodeId", identity.nodeId());
    body.put("siteId", site.siteId());
    body.put("pid", ProcessHandle.current().pid());
    body.put("clustering", membership.clustering());
    body.put("jms", membership.state());
    body.put("indexedRecords", index.count());
    body.put("checkpoint", checkpoint);
    body.put("dbChangeLogHead", head);
    body.put("lag", Math.max(0, head - checkpoint));
    body.put("rebuilding", synchronizer.isRebuilding());
    body.put("ready", synchronizer.ready());
    body.put("quarantinedCount", index.quarantinedCount());
    body.put("quarantined", index.quarantined(20));
    body.put("syncError", synchronizer.lastError());
    return body;
  }
}
