package org.spatialcatalog.node.thesaurus;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Thesauri and their concepts in the shared database; every change bumps the revision. */
@Repository
class ThesaurusStore {

  private static final TypeReference<Map<String, Object>> LABELS = new TypeReference<>() {};
  private static final int BATCH = 200;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final JsonMapper json;

  ThesaurusStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
  }

  /** A thesaurus as listed. */
  record Summary(
      String id, String title, String uri, long revision, Instant importedAt, long concepts) {}

  List<Summary> list() {
    return jdbc.sql(
            "SELECT t.id, t.title, t.uri, t.revision, t.imported_at,"
                + " (SELECT COUNT(*) FROM thesaurus_concept c WHERE c.thesaurus_id = t.id)"
                + " FROM thesaurus t ORDER BY t.id")
        .query(
            (rs, i) ->
                new Summary(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getTimestamp(5).toInstant(),
                    rs.getLong(6)))
        .list();
  }

  Optional<Summary> find(String id) {
    return list().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  Map<String, Long> revisions() {
    Map<String, Long> revisions = new HashMap<>();
    jdbc.sql("SELECT id, revision FROM thesaurus")
        .query(
            rs -> {
              revisions.put(rs.getString(1), rs.getLong(2));
            });
    return revisions;
  }

  boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM thesaurus WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Creates the thesaurus row; concepts are added with {@link #insertConcepts}. */
  void create(String id, String title, String uri) {
    jdbc.sql("INSERT INTO thesaurus (id, title, uri, revision, imported_at) VALUES (?,?,?,1,?)")
        .params(id, title, uri, Timestamp.from(Instant.now()))
        .update();
  }

  /**
   * Inserts concepts with multi-row INSERT statements: a JDBC batch over H2's TCP protocol still
   * costs one round trip per row, which made a 50,000-concept import take many seconds.
   */
  void insertConcepts(String thesaurusId, List<Concept> concepts) {
    for (int i = 0; i < concepts.size(); i += BATCH) {
      List<Concept> chunk = concepts.subList(i, Math.min(concepts.size(), i + BATCH));
      StringBuilder sql =
          new StringBuilder(
              "INSERT INTO thesaurus_concept (thesaurus_id, uri, labels, broader, narrower) VALUES ");
      List<Object> params = new ArrayList<>(chunk.size() * 5);
      for (int j = 0; j < chunk.size(); j++) {
        Concept c = chunk.get(j);
        sql.append(j == 0 ? "(?,?,?,?,?)" : ",(?,?,?,?,?)");
        params.add(thesaurusId);
        params.add(c.uri());
        params.add(labels(c));
        params.add(String.join("\n", c.broader()));
        params.add(String.join("\n", c.narrower()));
      }
      template.update(sql.toString(), params.toArray());
    }
  }

  boolean delete(String id) {
    jdbc.sql("DELETE FROM thesaurus_concept WHERE thesaurus_id = ?").param(id).update();
    return jdbc.sql("DELETE FROM thesaurus WHERE id = ?").param(id).update() == 1;
  }

  /** Adds or replaces a concept; returns whether it existed before. */
  @Transactional
  boolean putConcept(String thesaurusId, Concept c) {
    bump(thesaurusId);
    int updated =
        jdbc.sql(
                "UPDATE thesaurus_concept SET labels = ?, broader = ?, narrower = ?"
                    + " WHERE thesaurus_id = ? AND uri = ?")
            .params(
                labels(c),
                String.join("\n", c.broader()),
                String.join("\n", c.narrower()),
                thesaurusId,
                c.uri())
            .update();
    if (updated == 0) {
      insertConcepts(thesaurusId, List.of(c));
    }
    return updated == 1;
  }

  @Transactional
  boolean deleteConcept(String thesaurusId, String uri) {
    bump(thesaurusId);
    return jdbc.sql("DELETE FROM thesaurus_concept WHERE thesaurus_id = ? AND uri = ?")
            .params(thesaurusId, uri)
            .update()
        == 1;
  }

  Optional<Concept> concept(String thesaurusId, String uri) {
    return jdbc.sql(
            "SELECT uri, labels, broader, narrower FROM thesaurus_concept"
                + " WHERE thesaurus_id = ? AND uri = ?")
        .params(thesaurusId, uri)
        .query(
            (rs, i) -> concept(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  void forEachConcept(String thesaurusId, Consumer<Concept> consumer) {
    template.query(
        con -> {
          var ps =
              con.prepareStatement(
                  "SELECT uri, labels, broader, narrower FROM thesaurus_concept"
                      + " WHERE thesaurus_id = ? ORDER BY uri");
          ps.setString(1, thesaurusId);
          ps.setFetchSize(1000);
          return ps;
        },
        rs -> {
          consumer.accept(
              concept(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        });
  }

  private void bump(String thesaurusId) {
    if (jdbc.sql("UPDATE thesaurus SET revision = revision + 1 WHERE id = ?")
            .param(thesaurusId)
            .update()
        == 0) {
      throw new ThesaurusNotFoundException(thesaurusId);
    }
  }

  private String labels(Concept c) {
    return json.writeValueAsString(Map.of("pref", c.prefLabels(), "alt", c.altLabels()));
  }

  @SuppressWarnings("unchecked")
  private Concept concept(String uri, String labels, String broader, String narrower) {
    Map<String, Object> parsed = json.readValue(labels, LABELS);
    return new Concept(
        uri,
        (Map<String, String>) parsed.get("pref"),
        (Map<String, List<String>>) parsed.get("alt"),
        lines(broader),
        lines(narrower));
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
