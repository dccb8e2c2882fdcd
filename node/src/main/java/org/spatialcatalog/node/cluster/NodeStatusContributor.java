package org.spatialcatalog.node.cluster;

import java.util.Map;

/** A feature that adds its figures to this node's status (e.g. running harvest jobs). */
public interface NodeStatusContributor {

  /** Entries added to the node's status; called on every status request, so keep it cheap. */
  Map<String, Object> status();
}
