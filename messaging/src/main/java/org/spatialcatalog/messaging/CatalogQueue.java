package org.spatialcatalog.messaging;

/** The queues of the clustering design: each message is consumed by exactly one node. */
public enum CatalogQueue {
  /** A harvest job to run. */
  HARVEST("HARVEST");

  private final String baseName;

  CatalogQueue(String baseName) {
    this.baseName = baseName;
  }

  public String baseName() {
    return baseName;
  }
}
