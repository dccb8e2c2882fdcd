package org.spatialcatalog.node.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordsTest {

  /** The real BCrypt (at its lowest cost, for speed), counting its checks. */
  static final class CountingEncoder implements PasswordEncoder {
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public String encode(CharSequence raw) {
      return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      checks.incrementAndGet();
      return bcrypt.matches(raw, encoded);
    }
  }

  private final CountingEncoder encoder = new CountingEncoder();
  private final VerifiedPasswords passwords = new VerifiedPasswords(encoder);

  @Test
  void theSameRightPasswordAgainIsNotCheckedWithBcryptAgain() {
    String hash = encoder.encode("right-password-1");
    assertThat(passwords.matches("ed", "right-password-1", hash)).isTrue();
    assertThat(passwords.matches("ed", "right-password-1", hash)).isTrue();
    assertThat(passwords.matches("ed", "right-password-1", hash)).isTrue();
    assertThat(encoder.checks).hasValue(1);
  }

  @Test
  void aWrongPasswordIsAlwaysCheckedAndNeverRemembered() {
    String hash = encoder.encode("right-password-1");
    assertThat(passwords.matches("ed", "right-password-1", hash)).isTrue();
    assertThat(passwords.matches("ed", "wrong-password", hash)).isFalse();
    assertThat(passwords.matches("ed", "wrong-password", hash)).isFalse();
    assertThat(encoder.checks).hasValue(3);
    // The right one is still remembered.
    assertThat(passwords.matches("ed", "right-password-1", hash)).isTrue();
    assertThat(encoder.checks).hasValue(3);
  }

  @Test
  void aChangedStoredHashRefusesTheRememberedOldPassword() {
    String old = encoder.encode("old-password-1");
    assertThat(passwords.matches("ed", "old-password-1", old)).isTrue();
    String changed = encoder.encode("new-password-1");
    assertThat(passwords.matches("ed", "old-password-1", changed)).isFalse();
    assertThat(passwords.matches("ed", "new-password-1", changed)).isTrue();
    assertThat(passwords.matches("ed", "new-password-1", changed)).isTrue();
    assertThat(encoder.checks).hasValue(3);
  }

  @Test
  void aRememberedPasswordCountsForItsOwnNameOnly() {
    String hash = encoder.encode("shared-password");
    assertThat(passwords.matches("ed", "shared-password", hash)).isTrue();
    assertThat(passwords.matches("jo", "shared-password", hash)).isTrue();
    assertThat(encoder.checks).hasValue(2);
  }
}
