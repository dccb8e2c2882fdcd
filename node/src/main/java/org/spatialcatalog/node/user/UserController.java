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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users} and {@code /api/groups}: administrators manage accounts. Every change of a
 * user takes effect at that user's next request on every node (see {@link SessionRevisionFilter}).
 */
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

  record UserView(long id, String username, String profile, Set<Long> groups, boolean enabled) {
    static UserView of(UserRepository.Account a) {
      CatalogUser u = a.user();
      return new UserView(u.id(), u.username(), u.profile().apiName(), u.groups(), a.enabled());
    }
  }

  private static final Set<String> UPDATABLE = Set.of("profile", "groups", "password", "enabled");

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
    String password = checkedPassword(required(body.password(), "password"), "password");
    Profile profile = Profile.parse(required(body.profile(), "profile"));
    Set<Long> groups = checkedGroups(body.groups() == null ? List.of() : body.groups());
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

  @GetMapping("/api/users/{id}")
  UserView get(@PathVariable long id) {
    return users.findAll().stream()
        .filter(a -> a.user().id() == id)
        .findFirst()
        .map(UserView::of)
        .orElseThrow(() -> new NoSuchAccountException("no user with id " + id));
  }

  /**
   * Changes any of {@code profile}, {@code groups} (replaces the list), {@code password} and {@code
   * enabled}; fields left out stay as they are, unknown fields are refused.
   */
  @PatchMapping("/api/users/{id}")
  UserView update(@PathVariable long id, @RequestBody Map<String, Object> body) {
    List<String> unknown =
        body.keySet().stream().filter(k -> !UPDATABLE.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown field(s) " + unknown + "; accepted: profile," + " groups, password, enabled");
    }
    Profile profile =
        body.containsKey("profile") ? Profile.parse(text(body.get("profile"), "profile")) : null;
    Set<Long> groups =
        body.containsKey("groups") ? checkedGroups(groupIds(body.get("groups"))) : null;
    String hash =
        body.containsKey("password")
            ? encoder.encode(checkedPassword(text(body.get("password"), "password"), "password"))
            : null;
    Boolean enabled = null;
    if (body.containsKey("enabled")) {
      if (!(body.get("enabled") instanceof Boolean b)) {
        throw new IllegalArgumentException("enabled must be true or false");
      }
      enabled = b;
    }
    if (!users.update(id, profile, groups, hash, enabled)) {
      throw new NoSuchAccountException("no user with id " + id);
    }
    return get(id);
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

  /** Deletes a group that owns no records (409 naming how many it owns otherwise). */
  @DeleteMapping("/api/groups/{id}")
  ResponseEntity<Void> deleteGroup(@PathVariable long id) {
    long owned = users.deleteGroup(id);
    if (owned < 0) {
      throw new NoSuchAccountException("no group with id " + id);
    }
    if (owned > 0) {
      throw new GroupInUseException(
          "group "
              + id
              + " still owns "
              + owned
              + " record(s);"
              + " give them another owner group (PUT /api/records/{id}/privileges) first");
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * A password within BCrypt's limits, or an {@link IllegalArgumentException} naming {@code field}.
   */
  static String checkedPassword(String password, String field) {
    if (password.length() < MIN_PASSWORD || password.length() > 72) {
      // BCrypt uses only the first 72 bytes; a longer password would silently be truncated.
      throw new IllegalArgumentException(
          field + " must be " + MIN_PASSWORD + " to 72 characters long");
    }
    return password;
  }

  private Set<Long> checkedGroups(List<Long> ids) {
    Set<Long> groups = new HashSet<>();
    for (Long group : ids) {
      if (group == null || !users.groupExists(group)) {
        throw new IllegalArgumentException("groups: no group with id " + group);
      }
      groups.add(group);
    }
    return groups;
  }

  private static List<Long> groupIds(Object value) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("groups must be a list of group ids");
    }
    return list.stream()
        .map(
            v -> {
              if (v instanceof Number n && n.longValue() == n.doubleValue()) {
                return n.longValue();
              }
              throw new IllegalArgumentException("groups: '" + v + "' is not a group id");
            })
        .toList();
  }

  private static String text(Object value, String field) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-empty string");
    }
    return s;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }
}
