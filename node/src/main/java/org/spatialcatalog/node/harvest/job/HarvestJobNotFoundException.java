package org.spatialcatalog.node.harvest.job;

/** No harvest job has this id (it never existed, or retention pruned it). */
public class HarvestJobNotFoundException extends RuntimeException {

  public HarvestJobNotFoundException(String id) {
    super("no harvest job with id " + id);
  }
}
