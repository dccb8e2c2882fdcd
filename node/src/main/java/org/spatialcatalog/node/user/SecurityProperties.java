package org.spatialcatalog.node.user;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fixed login settings, read at start.
 *
 * @param maxFailedLogins failed logins in a row, per user name and source address, after which that
 *     pair is locked out
 * @param lockout how long a locked-out pair is refused, even with the right password
 * @param trustedProxies addresses of load balancers whose {@code X-Forwarded-For} header names the
 *     real client; empty (the default) means the header is ignored
 */
@ConfigurationProperties("catalog.security")
public record SecurityProperties(
    @DefaultValue("5") int maxFailedLogins,
    @DefaultValue("1m") Duration lockout,
    @DefaultValue List<String> trustedProxies) {

  public SecurityProperties {
    if (maxFailedLogins < 1) {
      throw new IllegalArgumentException("catalog.security.max-failed-logins must be >= 1");
    }
    if (lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("catalog.security.lockout must be positive");
    }
    trustedProxies =
        trustedProxies == null
            ? List.of()
            : trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
