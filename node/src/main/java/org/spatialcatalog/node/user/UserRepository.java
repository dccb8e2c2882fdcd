package org.spatialcatalog.node.user;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** JDBC access to users, groups and memberships. */
@Repository
public class UserRepository {

  /** A stored user with its password hash, for authentication only. */
  record Credentials(CatalogUser user, String passwordHash) {}

  /** A group as the API shows it. */
  record Group(long id, String name) {}

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Credentials> findByUsername(String username) {
    return jdbc.sql("SELECT id, username, password_hash, profile FROM catalog_user WHERE username = ?")
        .param(username)
        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4)})
        .optional()
        .map(row -> new Credentials(
            new CatalogUser((Long) row[0], (String) row[1], Profile.valueOf((String) row[3]),
                groupsOf((Long) row[0])),
            (String) row[2]));
  }

  List<CatalogUser> findAll() {
    return jdbc.sql("SELECT id, username, profile FROM catalog_user ORDER BY username")
        .query((rs, i) -> new CatalogUser(rs.getLong(1), rs.getString(2),
            Profile.valueOf(rs.getString(3)), Set.of()))
        .list()
        .stream()
        .map(u -> new CatalogUser(u.id(), u.username(), u.profile(), groupsOf(u.id())))
        .toList();
  }

  @Transactional
  long insertUser(String username, String passwordHash, Profile profile, Set<Long> groups) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO catalog_user (username, password_hash, profile) VALUES (?, ?, ?)")
        .params(username, passwordHash, profile.name())
        .update(key, "id");
    long id = key.getKey().longValue();
    for (long group : groups) {
      jdbc.sql("INSERT INTO user_group (user_id, group_id) VALUES (?, ?)").params(id, group)
          .update();
    }
    return id;
  }

  boolean deleteUser(long id) {
    return jdbc.sql("DELETE FROM catalog_user WHERE id = ?").param(id).update() == 1;
  }

  long insertGroup(String name) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO catalog_group (name) VALUES (?)").param(name).update(key, "id");
    return key.getKey().longValue();
  }

  List<Group> groups() {
    return jdbc.sql("SELECT id, name FROM catalog_group ORDER BY name")
        .query((rs, i) -> new Group(rs.getLong(1), rs.getString(2)))
        .list();
  }

  public boolean groupExists(long id) {
    return jdbc.sql("SELECT COUNT(*) FROM catalog_group WHERE id = ?").param(id)
        .query(Long.class).single() > 0;
  }

  private Set<Long> groupsOf(long userId) {
    return new HashSet<>(jdbc.sql("SELECT group_id FROM user_group WHERE user_id = ?")
        .param(userId).query(Long.class).list());
  }
}
