package org.spatialcatalog.node.record;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.changelog.Change;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.sql.Database;
import org.spatialcatalog.node.sql.Placeholders;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JDBC access to the {@code metadata_record} table. */
@Repository
public class RecordRepository {

  private static final String COLUMNS =
      "id, uuid, schema_id, title, abstract_text, keywords, west, south, east, north, date_stamp,"
          + " version, created_at, change_date, owner_id, group_owner, operations";

  /** The columns an insert writes after {@link #COLUMNS}. */
  private static final String WRITTEN_WITH = ", xml_doc, properties, properties_version)";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final RowMapper<StoredRecord> MAPPER = RecordRepository::map;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final boolean h2;

  public RecordRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
    this.h2 = Database.of(template.getDataSource()) == Database.H2;
  }

  /** Inserts a new record with its XML and its built-in properties ({@link StoredProperties}). */
  void insert(StoredRecord r, String xml, Map<Property, List<String>> properties) {
    ChangeLog.Insert row = insertOf(r, xml, properties);
    jdbc.sql(row.sql()).params(row.params()).update();
  }

  /**
   * The statement {@link #insert} runs, for {@link ChangeLog#insertAndAppend}, which inserts the
   * record and its change-log entry in one statement.
   */
  ChangeLog.Insert insertOf(StoredRecord r, String xml, Map<Property, List<String>> properties) {
    return new ChangeLog.Insert(
        "INSERT INTO metadata_record ("
            + COLUMNS
            + WRITTEN_WITH
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        java.util.Arrays.asList(values(r, xml, properties)));
  }

  /**
   * Inserts several new records with multi-row INSERT statements: one round trip per 50 records
   * instead of one per record (JDBC batches of the H2 client still send one statement at a time).
   * The three lists are parallel: a record, its XML, its built-in properties.
   */
  void insertAll(
      List<StoredRecord> newRecords, List<String> xml, List<Map<Property, List<String>>> props) {
    for (int from = 0; from < newRecords.size(); from += 50) {
      int to = Math.min(newRecords.size(), from + 50);
      List<Object> params = new ArrayList<>();
      int columns = 0;
      for (int i = from; i < to; i++) {
        Object[] row = values(newRecords.get(i), xml.get(i), props.get(i));
        columns = row.length;
        params.addAll(java.util.Arrays.asList(row));
      }
      jdbc.sql(
              "INSERT INTO metadata_record ("
                  + COLUMNS
                  + WRITTEN_WITH
                  + " VALUES "
                  + Placeholders.rows(to - from, columns))
          .params(params)
          .update();
    }
  }

  /**
   * {@code r} as {@link #find} reads it back after {@link #insert}: the keywords column joins them
   * with newlines, so a keyword holding one comes back as several.
   */
  static StoredRecord asStored(StoredRecord r) {
    String joined = r.keywords() == null ? "" : String.join("\n", r.keywords());
    List<String> keywords = joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
    if (keywords.equals(r.keywords())) {
      return r;
    }
    return new StoredRecord(
        r.id(),
        r.uuid(),
        r.schema(),
        r.title(),
        r.abstractText(),
        keywords,
        r.bbox(),
        r.dateStamp(),
        r.version(),
        r.createdAt(),
        r.changeDate(),
        r.access());
  }

  /**
   * Replaces the content of a record, with the built-in properties of its new XML, and bumps its
   * version; returns the new version. The properties are marked as the new version's: the
   * right-hand sides of an UPDATE see the row as it was.
   */
  long update(
      String id,
      ParsedRecord p,
      String uuid,
      Instant changeDate,
      Map<Property, List<String>> properties) {
    Bbox b = p.bbox();
    jdbc.sql(
            "UPDATE metadata_record SET uuid = ?, schema_id = ?, title = ?, abstract_text = ?,"
                + " keywords = ?, west = ?, south = ?, east = ?, north = ?, date_stamp = ?,"
                + " change_date = ?, xml_doc = ?, properties = ?,"
                + " properties_version = version + 1, version = version + 1 WHERE id = ?")
        .params(
            uuid,
            p.schema().id(),
            p.title(),
            text(p.abstractText()),
            text(String.join("\n", p.keywords())),
            b == null ? null : b.west(),
            b == null ? null : b.south(),
            b == null ? null : b.east(),
            b == null ? null : b.north(),
            p.dateStamp() == null ? null : Timestamp.from(p.dateStamp()),
            Timestamp.from(changeDate),
            text(p.xml()),
            text(StoredProperties.encode(properties)),
            id)
        .update();
    return jdbc.sql("SELECT version FROM metadata_record WHERE id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  boolean delete(String id) {
    return jdbc.sql("DELETE FROM metadata_record WHERE id = ?").param(id).update() == 1;
  }

  /**
   * Finds a record by internal id or, failing that, by metadata uuid.
   *
   * <p>Two indexed lookups rather than one {@code WHERE id = ? OR uuid = ?}: H2 answers an {@code
   * OR} across two columns by scanning the whole table, which a profile of {@code bench sync} found
   * to be the database's largest cost (and it grows with the catalog).
   */
  public Optional<StoredRecord> find(String idOrUuid) {
    return findBy("id", idOrUuid, "").or(() -> findBy("uuid", idOrUuid, ""));
  }

  private Optional<StoredRecord> findBy(String column, String value, String suffix) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM metadata_record WHERE " + column + " = ?" + suffix)
        .param(value)
        .query(MAPPER)
        .optional();
  }

  /**
   * Sets the owner and privileges of a record and bumps its version; returns the new version. The
   * XML stays, so stored properties that were the old version's are the new one's too.
   */
  long updateAccess(String id, RecordAccess access, Instant changeDate) {
    jdbc.sql(
            "UPDATE metadata_record SET owner_id = ?, group_owner = ?, operations = ?,"
                + " change_date = ?, properties_version = CASE WHEN properties_version = version"
                + " THEN version + 1 ELSE properties_version END, version = version + 1"
                + " WHERE id = ?")
        .params(
            access.ownerId(),
            access.groupOwner(),
            operationsJson(access),
            Timestamp.from(changeDate),
            id)
        .update();
    return jdbc.sql("SELECT version FROM metadata_record WHERE id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  /** Locks the row of a record until the end of the transaction. */
  public Optional<StoredRecord> findForUpdate(String idOrUuid) {
    return findBy("id", idOrUuid, " FOR UPDATE").or(() -> findBy("uuid", idOrUuid, " FOR UPDATE"));
  }

  Optional<String> findIdByUuid(String uuid) {
    return jdbc.sql("SELECT id FROM metadata_record WHERE uuid = ?")
        .param(uuid)
        .query(String.class)
        .optional();
  }

  public Optional<String> xml(String id) {
    return jdbc.sql("SELECT xml_doc FROM metadata_record WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  /** The records with these ids that exist; missing ids are absent from the result. */
  public List<StoredRecord> findAll(Collection<String> ids) {
    List<StoredRecord> result = new ArrayList<>(ids.size());
    inBatches(
        ids,
        (marks, batch) ->
            result.addAll(
                jdbc.sql("SELECT " + COLUMNS + " FROM metadata_record WHERE id IN (" + marks + ")")
                    .params(batch)
                    .query(MAPPER)
                    .list()));
    return result;
  }

  /** A record with its stored XML. */
  public record WithXml(StoredRecord record, String xml) {}

  /**
   * {@link #findAll} with each record's XML in the same query: one round trip per batch of ids
   * where {@code findAll} and {@link #xmlOf} take two. On H2, one lookup per id instead (see {@link
   * #eachById}).
   */
  public List<WithXml> findAllWithXml(Collection<String> ids) {
    if (h2) {
      return eachById(
          "SELECT " + COLUMNS + ", xml_doc FROM metadata_record WHERE id = ?",
          ids,
          (rs, row) -> new WithXml(map(rs, row), rs.getString("xml_doc")));
    }
    List<WithXml> result = new ArrayList<>(ids.size());
    inBatches(
        ids,
        (marks, batch) ->
            result.addAll(
                jdbc.sql(
                        "SELECT "
                            + COLUMNS
                            + ", xml_doc FROM metadata_record WHERE id IN ("
                            + marks
                            + ")")
                    .params(batch)
                    .query((rs, row) -> new WithXml(map(rs, row), rs.getString("xml_doc")))
                    .list()));
    return result;
  }

  /**
   * A record as the index needs it: its built-in properties when its row holds them for this
   * version of it in this node's {@link StoredProperties#FORMAT}, else null; and its XML, which is
   * null when it was not asked for and the properties are there.
   */
  public record ForIndex(StoredRecord record, String xml, Map<Property, List<String>> properties) {

    /** The stored properties, or, when the row holds none for this version, read from the XML. */
    public Map<Property, List<String>> propertiesOrRead() {
      return properties != null ? properties : RecordProperties.of(record.schema(), xml);
    }
  }

  /**
   * The columns of a {@link ForIndex}. Without {@code withXml}, a row's XML is only sent when its
   * properties are not the current version's: that is most of the bytes of a row left out.
   */
  private static String forIndexColumns(boolean withXml) {
    return "SELECT " + forIndexColumnList(withXml) + " FROM metadata_record";
  }

  private static String forIndexColumnList(boolean withXml) {
    return COLUMNS
        + ", properties, properties_version, "
        + (withXml
            ? "xml_doc"
            : "CASE WHEN properties_version = version THEN NULL ELSE xml_doc END AS xml_doc");
  }

  /**
   * A change of the log and, when the caller asked for it ({@code wanted}) and the record exists,
   * the record as the index needs it; null otherwise.
   */
  public record ChangeForIndex(Change change, boolean wanted, ForIndex record) {}

  /**
   * The first {@code limit} changes of the log after {@code seq}, in order, each with its record as
   * {@link #findAllForIndex} reads it, in one query: the change log joined with the records. The
   * record is read as it is now, which may be a later version than the change's. Only changes that
   * {@code wanted} accepts have their record built; the rows of one record in the result are the
   * same row, so it is built once.
   *
   * <p>The index follows the log with this: reading the changes, then their records, took one round
   * trip for the log and, on H2, one per record (see {@link #eachById}). On each node that did not
   * take a write, that was two round trips a write.
   */
  public List<ChangeForIndex> changesForIndex(
      long seq, int limit, boolean withXml, Predicate<Change> wanted) {
    Map<String, ForIndex> built = new HashMap<>();
    return jdbc.sql(
            "SELECT "
                + ChangeLog.ENTRY_COLUMNS
                + ", "
                + forIndexColumnList(withXml)
                + " FROM change_log c LEFT JOIN metadata_record r ON r.id = c.record_id"
                + " WHERE c.seq > ? ORDER BY c.seq LIMIT ?")
        .params(seq, limit)
        .query(
            (rs, i) -> {
              Change change = ChangeLog.entry(rs);
              if (!wanted.test(change)) {
                return new ChangeForIndex(change, false, null);
              }
              ForIndex record = null;
              if (rs.getString("id") != null) {
                record = built.get(change.recordId());
                if (record == null) {
                  record = forIndex(rs);
                  built.put(change.recordId(), record);
                }
              }
              return new ChangeForIndex(change, true, record);
            })
        .list();
  }

  /**
   * The records with these ids that exist, as the index needs them: one query per 200 ids, or on H2
   * one prepared lookup per id (see {@link #eachById}). {@code withXml}: each with its XML too, for
   * configured extra fields.
   */
  public List<ForIndex> findAllForIndex(Collection<String> ids, boolean withXml) {
    String select = forIndexColumns(withXml);
    if (h2) {
      return eachById(select + " WHERE id = ?", ids, (rs, row) -> forIndex(rs));
    }
    List<ForIndex> result = new ArrayList<>(ids.size());
    inBatches(
        ids,
        (marks, batch) ->
            result.addAll(
                jdbc.sql(select + " WHERE id IN (" + marks + ")")
                    .params(batch)
                    .query((rs, row) -> forIndex(rs))
                    .list()));
    return result;
  }

  /** Streams every record as {@link #findAllForIndex} reads it, without holding them in memory. */
  public void forEachForIndex(boolean withXml, Consumer<ForIndex> consumer) {
    stream(forIndexColumns(withXml), 500, rs -> consumer.accept(forIndex(rs)));
  }

  private ForIndex forIndex(ResultSet rs) throws SQLException {
    StoredRecord record = map(rs, 0);
    String xml = rs.getString("xml_doc");
    long propertiesVersion = rs.getLong("properties_version");
    Map<Property, List<String>> properties =
        !rs.wasNull() && propertiesVersion == record.version()
            ? StoredProperties.decode(rs.getString("properties"))
            : null;
    if (properties == null && xml == null) {
      // The current version's properties, in a format this node does not read (a node of a newer
      // version stored them): their XML, which was not sent, is needed after all.
      xml = xml(record.id()).orElse(null);
    }
    return new ForIndex(record, xml, properties);
  }

  /**
   * The records of {@code ids} as {@link #findAllWithXml} reads them on H2: {@code sql}, which
   * selects by one id, prepared once and executed for each id. Through its TCP server H2 answered
   * 101 single lookups of rows of about 5 KB (a record with its XML) about four times as fast as
   * one {@code IN} list of the same 101 ids, when the rows are not stored in the order of their
   * ids, as records listed by id are not: 12,800 against 3,200 rows/s in a micro-benchmark,
   * 2026-12-02; in {@code bench csw}, OAI-PMH ListRecords in ISO 19139 went from about 2,600 to
   * about 4,000 records/s (docs/benchmarks.md, "The record text as bytes on H2"). Why H2 is slower
   * with the list is not known. PostgreSQL reads an {@code IN} list well and keeps it.
   */
  private <T> List<T> eachById(String sql, Collection<String> ids, RowMapper<T> mapper) {
    return template.execute(
        (ConnectionCallback<List<T>>)
            con -> {
              List<T> result = new ArrayList<>(ids.size());
              try (PreparedStatement ps = con.prepareStatement(sql)) {
                for (String id : new LinkedHashSet<>(ids)) {
                  ps.setString(1, id);
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      result.add(mapper.mapRow(rs, result.size()));
                    }
                  }
                }
              }
              return result;
            });
  }

  /**
   * The owner and privileges of these records, by id, without their other fields: what a privilege
   * check needs, at a fraction of {@link #findAll}'s cost. Missing ids are absent from the result.
   */
  public Map<String, RecordAccess> accessOf(Collection<String> ids) {
    Map<String, RecordAccess> access = new HashMap<>();
    inBatches(
        ids,
        (marks, batch) ->
            jdbc.sql(
                    "SELECT id, owner_id, group_owner, operations FROM metadata_record"
                        + " WHERE id IN ("
                        + marks
                        + ")")
                .params(batch)
                .query(
                    rs -> {
                      access.put(rs.getString(1), access(rs));
                    }));
    return access;
  }

  /** The XML of these records, by id. */
  public Map<String, String> xmlOf(Collection<String> ids) {
    Map<String, String> xml = new HashMap<>();
    inBatches(
        ids,
        (marks, batch) ->
            jdbc.sql("SELECT id, xml_doc FROM metadata_record WHERE id IN (" + marks + ")")
                .params(batch)
                .query(
                    rs -> {
                      xml.put(rs.getString(1), rs.getString(2));
                    }));
    return xml;
  }

  /** Ids per {@code IN} list: bounded, because databases limit the parameters of a statement. */
  static final int IN_BATCH = 200;

  /** Hands {@code ids} to {@code query} in batches of {@link #IN_BATCH}: the markers and values. */
  private static void inBatches(
      Collection<String> ids, java.util.function.BiConsumer<String, Object[]> query) {
    List<String> all = new ArrayList<>(ids);
    for (int i = 0; i < all.size(); i += IN_BATCH) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + IN_BATCH));
      query.accept(Placeholders.list(batch.size()), batch.toArray());
    }
  }

  /** Streams every record, without holding them all in memory. */
  public void forEach(Consumer<StoredRecord> consumer) {
    stream("SELECT " + COLUMNS + " FROM metadata_record", 1000, rs -> consumer.accept(map(rs, 0)));
  }

  /**
   * Runs {@code sql} and hands each row to {@code row}, {@code fetchSize} rows at a time. The
   * PostgreSQL driver honours the fetch size only inside a transaction (with autocommit on it loads
   * the whole result), so outside a Spring transaction the query runs on a connection with
   * autocommit off, in a read-only transaction that is rolled back at the end.
   */
  private void stream(
      String sql, int fetchSize, org.springframework.jdbc.core.RowCallbackHandler row) {
    template.execute(
        (org.springframework.jdbc.core.ConnectionCallback<Void>)
            con -> {
              boolean autoCommit = con.getAutoCommit();
              if (autoCommit) {
                con.setAutoCommit(false);
              }
              try (var ps =
                  con.prepareStatement(
                      sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    row.processRow(rs);
                  }
                }
              } finally {
                if (autoCommit) {
                  con.rollback();
                  con.setAutoCommit(true);
                }
              }
              return null;
            });
  }

  /** Internal id → version of every record. */
  public Map<String, Long> versions() {
    Map<String, Long> versions = new HashMap<>();
    template.query(
        "SELECT id, version FROM metadata_record",
        rs -> {
          versions.put(rs.getString(1), rs.getLong(2));
        });
    return versions;
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM metadata_record").query(Long.class).single();
  }

  private Object[] values(StoredRecord r, String xml, Map<Property, List<String>> properties) {
    Bbox b = r.bbox();
    return new Object[] {
      r.id(),
      r.uuid(),
      r.schema(),
      r.title(),
      text(r.abstractText()),
      text(String.join("\n", r.keywords())),
      b == null ? null : b.west(),
      b == null ? null : b.south(),
      b == null ? null : b.east(),
      b == null ? null : b.north(),
      r.dateStamp() == null ? null : Timestamp.from(r.dateStamp()),
      r.version(),
      Timestamp.from(r.createdAt()),
      Timestamp.from(r.changeDate()),
      r.access().ownerId(),
      r.access().groupOwner(),
      operationsJson(r.access()),
      text(xml),
      text(StoredProperties.encode(properties)),
      r.version()
    };
  }

  /**
   * A value for a column that holds text as UTF-8 bytes on H2 ({@code xml_doc}, {@code
   * abstract_text}, {@code keywords}; migration V19_1): sent as those bytes. H2 would store a
   * string the same way, but its TCP client sends a string one character at a time, which the
   * server reads back one call per character (half of the H2 server's samples in a profile of
   * {@code bench sync}). PostgreSQL keeps them as text.
   */
  private Object text(String value) {
    return h2 && value != null ? value.getBytes(StandardCharsets.UTF_8) : value;
  }

  private static StoredRecord map(ResultSet rs, int row) throws SQLException {
    double west = rs.getDouble("west");
    Bbox bbox =
        rs.wasNull()
            ? null
            : new Bbox(west, rs.getDouble("south"), rs.getDouble("east"), rs.getDouble("north"));
    String keywords = rs.getString("keywords");
    Timestamp dateStamp = rs.getTimestamp("date_stamp");
    return new StoredRecord(
        rs.getString("id"),
        rs.getString("uuid"),
        rs.getString("schema_id"),
        rs.getString("title"),
        rs.getString("abstract_text"),
        keywords == null || keywords.isEmpty() ? List.of() : List.of(keywords.split("\n")),
        bbox,
        dateStamp == null ? null : dateStamp.toInstant(),
        rs.getLong("version"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("change_date").toInstant(),
        access(rs));
  }

  private static RecordAccess access(ResultSet rs) throws SQLException {
    long owner = rs.getLong("owner_id");
    Long ownerId = rs.wasNull() ? null : owner;
    long group = rs.getLong("group_owner");
    Long groupOwner = rs.wasNull() ? null : group;
    String operations = rs.getString("operations");
    Map<String, Set<String>> ops =
        operations == null
            ? RecordAccess.PUBLIC
            : JSON.readValue(operations, new TypeReference<Map<String, Set<String>>>() {});
    return new RecordAccess(ownerId, groupOwner, ops);
  }

  // NULL keeps the "public until restricted" default visible in the table.
  private static String operationsJson(RecordAccess access) {
    return access.operations().equals(RecordAccess.PUBLIC)
        ? null
        : JSON.writeValueAsString(new java.util.TreeMap<>(access.operations()));
  }
}
