package org.spatialcatalog.node.harvest;

/** No harvester has this id. */
public class HarvesterNotFoundException extends RuntimeException {

  public HarvesterNotFoundException(String id) {
    super("no harvester with id " + id);
  }
}
