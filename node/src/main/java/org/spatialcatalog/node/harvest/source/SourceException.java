package org.spatialcatalog.node.harvest.source;

/** A source failed: HTTP error, connection problem, unreadable answer, missing folder. */
public class SourceException extends Exception {

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
