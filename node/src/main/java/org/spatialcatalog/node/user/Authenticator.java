package org.spatialcatalog.node.user;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password, for {@code POST /api/login} and HTTP Basic alike.
 *
 * <p>Every failure is the same {@link BadCredentialsException} ("bad username or password"), and an
 * unknown name or a disabled user costs the same BCrypt check as a wrong password, so neither the
 * message nor the timing tells whether a user exists. A right password is checked with BCrypt once
 * and then remembered against the stored hash ({@link VerifiedPasswords}), so a script that sends
 * it with every request pays for one check. Locked-out pairs of name and address get {@link
 * LoginLockedException} whether or not the name exists.
 *
 * <p>It is the only provider of the security filter chain's own authentication manager, with no
 * parent manager: a failed request is checked, and counted, exactly once.
 */
@Component
public class Authenticator implements AuthenticationProvider {

  static final String BAD_CREDENTIALS = "bad username or password";

  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final LoginThrottle throttle;
  private final AdminAccount admin;
  private final VerifiedPasswords passwords;
  private final String dummyHash;

  Authenticator(
      UserRepository users,
      PasswordEncoder encoder,
      LoginThrottle throttle,
      AdminAccount admin,
      VerifiedPasswords passwords) {
    this.users = users;
    this.encoder = encoder;
    this.passwords = passwords;
    this.throttle = throttle;
    this.admin = admin;
    this.dummyHash = encoder.encode("not a password of anyone");
  }

  /**
   * The authenticated user; throws {@link BadCredentialsException} or a lock-out.
   *
   * @param address the caller's address ({@link ClientAddress}), part of the throttling key
   */
  public CatalogUser check(String username, String password, String address) {
    String name = username == null ? "" : username;
    String from = address == null ? "" : address;
    String secret = password == null ? "" : password;
    CatalogUser user =
        AdminAccount.USERNAME.equals(name)
            ? checkAdmin(secret, from)
            : throttle.attempt(name, from, () -> verify(name, secret));
    if (user == null) {
      throw new BadCredentialsException(BAD_CREDENTIALS);
    }
    return user;
  }

  /**
   * Scripts send the admin's name and password with every request: its credential and the
   * throttle's record of the caller's address come in one statement. With failures on record, the
   * throttle reads the credential again under the pair's lock.
   */
  private CatalogUser checkAdmin(String password, String address) {
    var login = admin.loadForLogin(address);
    if (login.isEmpty()) {
      return throttle.attempt(AdminAccount.USERNAME, address, () -> admin.check(password));
    }
    boolean onRecord = login.get().failuresOnRecord();
    return throttle.attempt(
        AdminAccount.USERNAME,
        address,
        onRecord,
        onRecord ? () -> admin.check(password) : () -> admin.check(password, login.get()));
  }

  private CatalogUser verify(String name, String password) {
    var stored = users.findByUsername(name).orElse(null);
    if (stored == null || !stored.enabled()) {
      // The same BCrypt check as for a wrong password, never one remembered.
      encoder.matches(password, stored == null ? dummyHash : stored.passwordHash());
      return null;
    }
    return passwords.matches(name, password, stored.passwordHash()) ? stored.user() : null;
  }

  /** An authenticated token whose principal is the {@link CatalogUser}. */
  public static Authentication token(CatalogUser user) {
    return UsernamePasswordAuthenticationToken.authenticated(
        user, null, List.of(new SimpleGrantedAuthority(user.profile().role())));
  }

  /** HTTP Basic: the details are the caller's address, set by the security configuration. */
  @Override
  public Authentication authenticate(Authentication authentication) {
    Object credentials = authentication.getCredentials();
    Object details = authentication.getDetails();
    return token(
        check(
            authentication.getName(),
            credentials == null ? null : credentials.toString(),
            details instanceof String address ? address : null));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
