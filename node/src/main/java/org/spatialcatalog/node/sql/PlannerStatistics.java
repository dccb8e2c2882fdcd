package org.spatialcatalog.node.sql;

import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Analyzes the tables a harvest fills, on PostgreSQL, once more of their rows have changed
 * (inserted, updated or deleted) since their last analysis than they held then, and at least {@link
 * #MIN_ROWS}. So the planner never counts fewer than half the rows a growing table holds.
 *
 * <p>Why the catalog does it itself: autovacuum looks at a database once a minute and analyzes
 * slowly, so a large harvest into fresh tables runs on statistics that know of no rows. PostgreSQL
 * then estimates a table of thousands of rows at a few, and reads it whole for each batch's look-up
 * of its keys instead of probing the index: with 40,000 records in, 30–50 ms a look-up, four to six
 * a batch, and a harvest costs the square of its size (docs/benchmarks.md, twenty-third step). H2
 * analyzes a table by itself as it changes (first after 2,000 changed rows), so this does nothing
 * there.
 *
 * <p>Never throws: a failure is logged, and the harvest goes on. A user that owns neither the
 * tables nor the database gets only a warning from PostgreSQL, which skips them; autovacuum then
 * stays their only analysis. Thread-safe.
 */
@Component
public class PlannerStatistics {

  /** The tables a harvest writes and then looks keys up in. */
  public static final List<String> HARVEST_TABLES =
      List.of("harvest_item", "harvested_record", "metadata_record", "change_log");

  /** Fewer new rows than this are not worth an analysis, whatever the table held before. */
  static final long MIN_ROWS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

  private final JdbcTemplate jdbc;
  private final boolean postgres;

  public PlannerStatistics(JdbcTemplate jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgres = Database.of(dataSource) == Database.POSTGRESQL;
  }

  /**
   * Analyzes those of {@code tables} that grew past what the planner knows; returns their names.
   * One look at PostgreSQL's counters when none did. Call outside a transaction.
   */
  public List<String> refreshIfGrown(List<String> tables) {
    if (!postgres || tables.isEmpty()) {
      return List.of();
    }
    try {
      List<String> grown =
          jdbc.queryForList(
              "SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                  + " WHERE s.schemaname = current_schema() AND s.relname IN ("
                  + Placeholders.list(tables.size())
                  + ") AND s.n_mod_since_analyze >= GREATEST(?, c.reltuples)",
              String.class,
              params(tables));
      for (String table : grown) {
        // Only names of the catalog's own tables get here: they came back from the IN list.
        jdbc.execute("ANALYZE " + table);
        log.debug("analyzed {}: it had grown past what the planner knew of it", table);
      }
      return grown;
    } catch (DataAccessException e) {
      log.warn(
          "could not refresh the planner's statistics of {}: {}",
          tables,
          e.getMostSpecificCause().getMessage());
      return List.of();
    }
  }

  private static Object[] params(List<String> tables) {
    Object[] params = new Object[tables.size() + 1];
    for (int i = 0; i < tables.size(); i++) {
      params[i] = tables.get(i);
    }
    params[tables.size()] = MIN_ROWS;
    return params;
  }
}
