package org.spatialcatalog.node.record;

/**
 * Thrown when a metadata record cannot be accepted. The message is a human-readable detail that
 * names the problem (and, where it helps, the XML path or line and column) and is safe to return to
 * the client that submitted the record: it never contains content pulled in from outside the
 * submitted document.
 */
public class InvalidRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidRecordException(String message) {
    super(message);
  }

  public InvalidRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
