package org.spatialcatalog.node.user;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * JDBC access to users, groups and memberships.
 *
 * <p>Every change of a user (profile, groups, password, enabled) increases its {@code revision} in
 * the same statement or transaction, which is what ends its sessions on every node.
 */
@Repository
public class UserRepository {

  /** A stored user with its password hash, for authentication only. */
  record Credentials(CatalogUser user, String passwordHash, boolean enabled) {}

  /** A group as the API shows it. */
  record Group(long id, String name) {}

  /** A user as administrators see it. */
  record Account(CatalogUser user, boolean enabled) {}

  private static final String COLUMNS = "id, username, password_hash, profile, revision, enabled";

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Credentials> findByUsername(String username) {
    return find("username = ?", username);
  }

  Optional<Credentials> findById(long id) {
    return find("id = ?", id);
  }

  private Optional<Credentials> find(String where, Object key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM catalog_user WHERE " + where)
        .param(key)
        .query(
            (rs, i) ->
                new Object[] {
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getBoolean(6)
                })
        .optional()
        .map(
            row ->
                new Credentials(
                    new CatalogUser(
                        (Long) row[0],
                        (String) row[1],
                        Profile.valueOf((String) row[3]),
                        groupsOf((Long) row[0]),
                        (Long) row[4]),
                    (String) row[2],
                    (Boolean) row[5]));
  }

  /** The revision of an enabled user; empty when the user is deleted or disabled. */
  Optional<Long> activeRevision(long id) {
    return jdbc.sql("SELECT revision FROM catalog_user WHERE id = ? AND enabled = TRUE")
        .param(id)
        .query(Long.class)
        .optional();
  }

  List<Account> findAll() {
    return jdbc
        .sql("SELECT " + COLUMNS + " FROM catalog_user ORDER BY username")
        .query(
            (rs, i) ->
                new Account(
                    new CatalogUser(
                        rs.getLong(1),
                        rs.getString(2),
                        Profile.valueOf(rs.getString(4)),
                        Set.of(),
                        rs.getLong(5)),
                    rs.getBoolean(6)))
        .list()
        .stream()
        .map(a -> new Account(withGroups(a.user()), a.enabled()))
        .toList();
  }

  private CatalogUser withGroups(CatalogUser u) {
    return new CatalogUser(u.id(), u.username(), u.profile(), groupsOf(u.id()), u.revision());
  }

  @Transactional
  long insertUser(String username, String passwordHash, Profile profile, Set<Long> groups) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO catalog_user (username, password_hash, profile) VALUES (?, ?, ?)")
        .params(username, passwordHash, profile.name())
        .update(key, "id");
    long id = key.getKey().longValue();
    insertMemberships(id, groups);
    return id;
  }

  private void insertMemberships(long id, Set<Long> groups) {
    for (long group : groups) {
      jdbc.sql("INSERT INTO user_group (user_id, group_id) VALUES (?, ?)")
          .params(id, group)
          .update();
    }
  }

  boolean deleteUser(long id) {
    return jdbc.sql("DELETE FROM catalog_user WHERE id = ?").param(id).update() == 1;
  }

  /**
   * Applies the given changes (null: unchanged) in one transaction and increases the revision;
   * false when there is no such user.
   */
  @Transactional
  boolean update(long id, Profile profile, Set<Long> groups, String passwordHash, Boolean enabled) {
    int found =
        jdbc.sql("UPDATE catalog_user SET revision = revision + 1 WHERE id = ?").param(id).update();
    if (found == 0) {
      return false;
    }
    if (profile != null) {
      jdbc.sql("UPDATE catalog_user SET profile = ? WHERE id = ?")
          .params(profile.name(), id)
          .update();
    }
    if (passwordHash != null) {
      jdbc.sql("UPDATE catalog_user SET password_hash = ? WHERE id = ?")
          .params(passwordHash, id)
          .update();
    }
    if (enabled != null) {
      jdbc.sql("UPDATE catalog_user SET enabled = ? WHERE id = ?").params(enabled, id).update();
    }
    if (groups != null) {
      jdbc.sql("DELETE FROM user_group WHERE user_id = ?").param(id).update();
      insertMemberships(id, groups);
    }
    return true;
  }

  long insertGroup(String name) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO catalog_group (name) VALUES (?)").param(name).update(key, "id");
    return key.getKey().longValue();
  }

  /**
   * Deletes the group and its memberships and increases the revision of its members (their groups
   * changed). Returns how many records the group owns, in which case nothing is deleted, 0 when it
   * was deleted, or -1 when there is no such group.
   */
  @Transactional
  long deleteGroup(long groupId) {
    // Locks the group row, so no node can delete it twice or between the count and the delete.
    if (jdbc.sql("UPDATE catalog_group SET name = name WHERE id = ?").param(groupId).update()
        == 0) {
      return -1;
    }
    long owned =
        jdbc.sql("SELECT COUNT(*) FROM metadata_record WHERE group_owner = ?")
            .param(groupId)
            .query(Long.class)
            .single();
    if (owned > 0) {
      return owned;
    }
    jdbc.sql(
            "UPDATE catalog_user SET revision = revision + 1 WHERE id IN"
                + " (SELECT user_id FROM user_group WHERE group_id = ?)")
        .param(groupId)
        .update();
    jdbc.sql("DELETE FROM user_group WHERE group_id = ?").param(groupId).update();
    jdbc.sql("DELETE FROM catalog_group WHERE id = ?").param(groupId).update();
    return 0;
  }

  List<Group> groups() {
    return jdbc.sql("SELECT id, name FROM catalog_group ORDER BY name")
        .query((rs, i) -> new Group(rs.getLong(1), rs.getString(2)))
        .list();
  }

  public boolean groupExists(long id) {
    return jdbc.sql("SELECT COUNT(*) FROM catalog_group WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single()
        > 0;
  }

  private Set<Long> groupsOf(long userId) {
    return new HashSet<>(
        jdbc.sql("SELECT group_id FROM user_group WHERE user_id = ?")
            .param(userId)
            .query(Long.class)
            .list());
  }
}
