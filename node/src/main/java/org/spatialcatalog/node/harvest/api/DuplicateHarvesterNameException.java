package org.spatialcatalog.node.harvest.api;

/** Another harvester already has this name. */
public class DuplicateHarvesterNameException extends RuntimeException {

  public DuplicateHarvesterNameException(String name, String existingId) {
    super("name: '" + name + "' is already used by harvester " + existingId);
  }
}
