package org.spatialcatalog.node.user;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a user may do catalog-wide. Guests (no login) have no profile; a registered user may view
 * what its groups may view; an editor also creates records and edits those its groups may edit; an
 * administrator may do everything.
 */
public enum Profile {
  ADMINISTRATOR("Administrator", "ROLE_ADMIN"),
  EDITOR("Editor", "ROLE_EDITOR"),
  REGISTERED_USER("RegisteredUser", "ROLE_USER");

  private final String apiName;
  private final String role;

  Profile(String apiName, String role) {
    this.apiName = apiName;
    this.role = role;
  }

  /** The name used in the API, for example {@code RegisteredUser}. */
  public String apiName() {
    return apiName;
  }

  String role() {
    return role;
  }

  /** Parses an API name; throws {@link IllegalArgumentException} naming the accepted values. */
  static Profile parse(String name) {
    for (Profile p : values()) {
      if (p.apiName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "profile '"
            + name
            + "' is not one of "
            + Arrays.stream(values()).map(Profile::apiName).collect(Collectors.joining(", ")));
  }
}
