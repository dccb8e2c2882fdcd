package org.spatialcatalog.node.user;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/me/password}: any logged-in user changes their own password, proving the current
 * one. For the configured {@code admin} this changes the admin password of the whole cluster. The
 * change ends the caller's other sessions on every node; the caller's current session ends too, so
 * it logs in again with the new password.
 */
@RestController
class PasswordController {

  private final UserRepository users;
  private final AdminAccount admin;
  private final PasswordEncoder encoder;
  private final Authenticator authenticator;
  private final ClientAddress addresses;

  PasswordController(
      UserRepository users,
      AdminAccount admin,
      PasswordEncoder encoder,
      Authenticator authenticator,
      ClientAddress addresses) {
    this.users = users;
    this.admin = admin;
    this.encoder = encoder;
    this.authenticator = authenticator;
    this.addresses = addresses;
  }

  record Change(String currentPassword, String newPassword) {}

  @PutMapping("/api/me/password")
  ResponseEntity<Void> change(@RequestBody Change body, HttpServletRequest request) {
    CatalogUser me = CurrentUser.get();
    if (body.newPassword() == null || body.newPassword().isBlank()) {
      throw new IllegalArgumentException("newPassword is required");
    }
    String fresh = UserController.checkedPassword(body.newPassword(), "newPassword");
    try {
      // Throttled like a login, so a stolen session cannot be used to guess the password.
      authenticator.check(me.username(), body.currentPassword(), addresses.of(request));
    } catch (BadCredentialsException wrong) {
      throw new IllegalArgumentException("currentPassword is not your current password");
    }
    if (me.id() == 0) {
      admin.changePassword(fresh);
    } else if (!users.update(me.id(), null, null, encoder.encode(fresh), null)) {
      throw new NoSuchAccountException("no user with id " + me.id());
    }
    return ResponseEntity.noContent().build();
  }
}
