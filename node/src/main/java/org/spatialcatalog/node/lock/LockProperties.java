package org.spatialcatalog.node.lock;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fixed edit-lock settings.
 *
 * @param idleTimeout how long a lock lasts without being renewed; each take or save renews it
 */
@ConfigurationProperties("catalog.lock")
public record LockProperties(@DefaultValue("15m") Duration idleTimeout) {

  public LockProperties {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("catalog.lock.idle-timeout must be positive");
    }
  }
}
