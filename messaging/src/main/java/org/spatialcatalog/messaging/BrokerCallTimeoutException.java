package org.spatialcatalog.messaging;

/** A call to the broker did not finish within its deadline, or no thread was free to make it. */
public class BrokerCallTimeoutException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BrokerCallTimeoutException(String message) {
    super(message);
  }
}
