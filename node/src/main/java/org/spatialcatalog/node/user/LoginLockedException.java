package org.spatialcatalog.node.user;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/** Too many failed logins for a user name from one address (429, with Retry-After). */
public class LoginLockedException extends LockedException {

  private final Duration retryAfter;

  LoginLockedException(Duration retryAfter) {
    super(
        "too many failed logins for this user name from your address; try again in "
            + Math.max(1, retryAfter.toSeconds())
            + " s");
    this.retryAfter = retryAfter;
  }

  public long retryAfterSeconds() {
    return Math.max(1, retryAfter.toSeconds());
  }
}
