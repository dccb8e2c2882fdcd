package org.spatialcatalog.node.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fixed login settings, read at start.
 *
 * @param maxFailedLogins failed logins in a row after which a user name is locked out
 * @param lockout how long a locked-out user name is refused, even with the right password
 */
@ConfigurationProperties("catalog.security")
public record SecurityProperties(
    @DefaultValue("5") int maxFailedLogins, @DefaultValue("1m") Duration lockout) {

  public SecurityProperties {
    if (maxFailedLogins < 1) {
      throw new IllegalArgumentException("catalog.security.max-failed-logins must be >= 1");
    }
    if (lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("catalog.security.lockout must be positive");
    }
  }
}
