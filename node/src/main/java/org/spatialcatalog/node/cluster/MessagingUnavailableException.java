package org.spatialcatalog.node.cluster;

/** A message could not be sent: clustering is off, or the broker is unreachable. */
public class MessagingUnavailableException extends RuntimeException {

  public MessagingUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
