package org.spatialcatalog.node.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials against the configured admin password.
 *
 * <p>Why not BCrypt: the password is in this node's configuration, not in a user table, and Basic
 * authentication checks it on every request; a BCrypt check per request costs tens of
 * milliseconds of CPU. A constant-time comparison of SHA-256 digests gives the same answer
 * without that cost and without leaking the length or content through timing.
 */
final class AdminAuthenticationProvider implements AuthenticationProvider {

  static final String ADMIN = "admin";

  private final byte[] expectedDigest;

  AdminAuthenticationProvider(String password) {
    this.expectedDigest = digest(password);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object credentials = authentication.getCredentials();
    byte[] given = digest(credentials == null ? "" : credentials.toString());
    boolean passwordMatches = MessageDigest.isEqual(expectedDigest, given);
    if (!ADMIN.equals(user) || !passwordMatches) {
      throw new BadCredentialsException("bad credentials");
    }
    return UsernamePasswordAuthenticationToken.authenticated(
        ADMIN, null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
