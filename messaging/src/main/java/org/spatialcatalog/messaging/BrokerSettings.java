package org.spatialcatalog.messaging;

import java.time.Duration;

/**
 * How a node talks to the broker.
 *
 * @param url broker URL, e.g. {@code tcp://host:61616} or {@code
 *     failover:(tcp://a:61616,tcp://b:61616)}
 * @param user broker user, may be null
 * @param password broker password, may be null
 * @param sendTimeout how long a send may block; bounds the failover transport, which would
 *     otherwise block a sender forever while the broker is unreachable
 * @param messageTimeToLive how long a notification is kept for an offline subscriber; a node that
 *     was away longer catches up from the database change log instead
 */
public record BrokerSettings(
    String url, String user, String password, Duration sendTimeout, Duration messageTimeToLive) {

  public BrokerSettings {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("broker url is empty");
    }
    if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
      throw new IllegalArgumentException("broker send timeout must be positive");
    }
    if (messageTimeToLive == null || messageTimeToLive.isNegative()) {
      throw new IllegalArgumentException("message time-to-live must not be negative");
    }
  }

  /** The URL with any password in it masked, for logs. */
  public String maskedUrl() {
    return url.replaceAll("(?i)(password=)[^&)]*", "$1****");
  }
}
