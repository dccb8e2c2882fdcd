package org.spatialcatalog.node.user;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The caller of a request: a user of the database, the configured {@code admin}, or a guest.
 *
 * <p>A session keeps the snapshot taken at login; a change of the user's groups takes effect at
 * its next login (or next request for HTTP Basic).
 *
 * @param id the user id; 0 for the configured admin, -1 for a guest
 * @param username the login name
 * @param profile the profile, null for a guest
 * @param groups the ids of the user's groups
 */
public record CatalogUser(long id, String username, Profile profile, Set<Long> groups)
    implements Serializable {

  /** Anyone who has not logged in. */
  public static final CatalogUser GUEST = new CatalogUser(-1, "guest", null, Set.of());

  public CatalogUser {
    groups = Set.copyOf(groups);
  }

  public boolean isAdministrator() {
    return profile == Profile.ADMINISTRATOR;
  }

  public boolean isEditor() {
    return profile == Profile.EDITOR || isAdministrator();
  }

  public boolean isGuest() {
    return profile == null;
  }

  /** The tokens a record's viewers are matched against: {@code all}, groups and the user. */
  public Set<String> tokens() {
    Set<String> tokens = new LinkedHashSet<>();
    tokens.add("all");
    if (!isGuest()) {
      groups.forEach(g -> tokens.add("g:" + g));
      tokens.add("u:" + id);
    }
    return tokens;
  }
}
