package org.spatialcatalog.node.user;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users} and {@code /api/groups}: administrators manage accounts. */
@RestController
class UserController {

  static final int MIN_PASSWORD = 8;

  private final UserRepository users;
  private final PasswordEncoder encoder;

  UserController(UserRepository users, PasswordEncoder encoder) {
    this.users = users;
    this.encoder = encoder;
  }

  record NewUser(String username, String password, String profile, List<Long> groups) {}

  record NewGroup(String name) {}

  record UserView(long id, String username, String profile, Set<Long> groups) {
    static UserView of(CatalogUser u) {
      return new UserView(u.id(), u.username(), u.profile().apiName(), u.groups());
    }
  }

  @PostMapping("/api/users")
  ResponseEntity<Map<String, Object>> create(@RequestBody NewUser body) {
    String username = required(body.username(), "username").strip();
    if (username.length() > 100 || !username.matches("[\\p{L}\\p{N}._@-]+")) {
      throw new IllegalArgumentException(
          "username must be 1 to 100 letters, digits or . _ @ -, got '" + username + "'");
    }
    if (username.equalsIgnoreCase(AdminAccount.USERNAME)) {
      throw new DuplicateNameException("username 'admin' is reserved for the configured admin");
    }
    String password = required(body.password(), "password");
    if (password.length() < MIN_PASSWORD || password.length() > 72) {
      // BCrypt uses only the first 72 bytes; a longer password would silently be truncated.
      throw new IllegalArgumentException(
          "password must be " + MIN_PASSWORD + " to 72 characters long");
    }
    Profile profile = Profile.parse(required(body.profile(), "profile"));
    Set<Long> groups = new HashSet<>(body.groups() == null ? List.of() : body.groups());
    for (Long group : groups) {
      if (group == null || !users.groupExists(group)) {
        throw new IllegalArgumentException("groups: no group with id " + group);
      }
    }
    try {
      long id = users.insertUser(username, encoder.encode(password), profile, groups);
      return ResponseEntity.created(URI.create("/api/users/" + id)).body(Map.of("id", id));
    } catch (DuplicateKeyException e) {
      throw new DuplicateNameException("username '" + username + "' is taken");
    }
  }

  @GetMapping("/api/users")
  List<UserView> list() {
    return users.findAll().stream().map(UserView::of).toList();
  }

  @DeleteMapping("/api/users/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    return users.deleteUser(id)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  @PostMapping("/api/groups")
  ResponseEntity<Map<String, Object>> createGroup(@RequestBody NewGroup body) {
    String name = required(body.name(), "name").strip();
    if (name.length() > 255) {
      throw new IllegalArgumentException("name must be at most 255 characters");
    }
    try {
      long id = users.insertGroup(name);
      return ResponseEntity.created(URI.create("/api/groups/" + id)).body(Map.of("id", id));
    } catch (DuplicateKeyException e) {
      throw new DuplicateNameException("group name '" + name + "' is taken");
    }
  }

  @GetMapping("/api/groups")
  List<UserRepository.Group> groups() {
    return users.groups();
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }
}
