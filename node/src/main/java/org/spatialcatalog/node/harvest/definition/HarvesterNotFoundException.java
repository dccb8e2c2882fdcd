package org.spatialcatalog.node.harvest.definition;

/** No harvester has this id. */
public class HarvesterNotFoundException extends RuntimeException {

  public HarvesterNotFoundException(String id) {
    super("no harvester with id " + id);
  }
}
