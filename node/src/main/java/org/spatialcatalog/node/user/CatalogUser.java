package org.spatialcatalog.node.user;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The caller of a request: a user of the database, the configured {@code admin}, or a guest.
 *
 * <p>A session keeps the snapshot taken at login together with the user's revision; every request
 * compares that revision with the database ({@link SessionRevisionFilter}), so a change of the
 * user's profile, groups, password or enabled state, or its deletion, ends the session at its next
 * request on any node.
 *
 * @param id the user id; 0 for the configured admin, -1 for a guest
 * @param username the login name
 * @param profile the profile, null for a guest
 * @param groups the ids of the user's groups
 * @param revision the user's revision when this snapshot was taken
 */
public record CatalogUser(
    long id, String username, Profile profile, Set<Long> groups, long revision)
    implements Serializable {

  /** Anyone who has not logged in. */
  public static final CatalogUser GUEST = new CatalogUser(-1, "guest", null, Set.of());

  public CatalogUser {
    groups = Set.copyOf(groups);
  }

  /** A snapshot without a revision (guests, the system identity, tests). */
  public CatalogUser(long id, String username, Profile profile, Set<Long> groups) {
    this(id, username, profile, groups, 0);
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
