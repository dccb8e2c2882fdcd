package org.spatialcatalog.node.harvest.definition;

/** A harvester definition or request is invalid; the message names the field at fault. */
public class InvalidHarvesterException extends RuntimeException {

  private final String field;

  public InvalidHarvesterException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
